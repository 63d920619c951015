package dev.supportplatform.chat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * The service configured for remote providers: an OpenAI-compatible chat model and speech server and a Tavily web
 * search (one WireMock server stands in for all three, on their distinct paths), and a real MCP server: the small
 * Python script in test resources, started by the service over stdio. Subclasses share one application context.
 */
abstract class RemoteProvidersSupport extends ChatTestSupport {

    static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("platform.models.provider", () -> "openai");
        registry.add("platform.models.base-url", () -> PROVIDER.baseUrl() + "/v1");
        registry.add("platform.models.fast-model", () -> "gpt-4o-mini");
        registry.add("platform.models.timeout", () -> "5s");
        registry.add("platform.speech.stt", () -> "openai");
        registry.add("platform.speech.tts", () -> "openai");
        registry.add("platform.speech.openai.base-url", () -> PROVIDER.baseUrl() + "/v1");
        registry.add("platform.speech.openai.api-key", () -> "sk-speech-test");
        registry.add("platform.tools.web-search.provider", () -> "tavily");
        registry.add("platform.tools.web-search.api-key", () -> "tvly-test");
        registry.add("platform.tools.web-search.base-url", () -> PROVIDER.baseUrl() + "/tavily/");
        registry.add("platform.tools.mcp.servers[0].name", () -> "orders");
        registry.add("platform.tools.mcp.servers[0].command[0]", () -> "python3");
        registry.add("platform.tools.mcp.servers[0].command[1]",
                () -> Path.of("src/test/resources/mcp/orders_server.py").toAbsolutePath().toString());
    }

    @BeforeEach
    void resetProvider() {
        PROVIDER.resetAll();
    }

    /** An OpenAI chat completion answering with text. */
    static String completion(String text) {
        return "{\"id\": \"c1\", \"object\": \"chat.completion\", \"created\": 1, \"model\": \"gpt-4o-mini\", \"choices\": [{\"index\": 0,"
                + " \"message\": {\"role\": \"assistant\", \"content\": \"" + text + "\"}, \"finish_reason\": \"stop\"}],"
                + " \"usage\": {\"prompt_tokens\": 300, \"completion_tokens\": 30, \"total_tokens\": 330}}";
    }

    /** An OpenAI chat completion asking for one tool call. */
    static String toolCall(String tool, String argumentsJson) {
        String escaped = argumentsJson.replace("\"", "\\\"");
        return "{\"id\": \"c0\", \"object\": \"chat.completion\", \"created\": 1, \"model\": \"gpt-4o-mini\", \"choices\": [{\"index\": 0,"
                + " \"message\": {\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"call_1\", \"type\": \"function\","
                + " \"function\": {\"name\": \"" + tool + "\", \"arguments\": \"" + escaped + "\"}}]}, \"finish_reason\": \"tool_calls\"}],"
                + " \"usage\": {\"prompt_tokens\": 200, \"completion_tokens\": 20, \"total_tokens\": 220}}";
    }
}
