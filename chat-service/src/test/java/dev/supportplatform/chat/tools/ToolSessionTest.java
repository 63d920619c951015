package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolSessionTest {

    private static Tool tool(String name, java.util.function.Function<Map<String, Object>, String> body) {
        return new Tool() {
            @Override
            public ToolSpecification specification() {
                return ToolSpecification.builder().name(name).description(name).build();
            }

            @Override
            public String execute(Map<String, Object> args, ToolContext context) {
                return body.apply(args);
            }
        };
    }

    private static ToolExecutionRequest call(String name, String args) {
        return ToolExecutionRequest.builder().id("1").name(name).arguments(args).build();
    }

    @Test
    void theListenerHearsStartBeforeTheCallAndEndAfterItWithArgsLatencyAndPreview() {
        List<String> heard = new ArrayList<>();
        List<String> order = new ArrayList<>();
        ToolSession session = new ToolSession(List.of(tool("echo", args -> {
            order.add("executed");
            return "said " + args.get("text");
        })), e -> {
            heard.add(e.tool() + ":" + e.status());
            order.add(e.status());
        }, null);

        String result = session.execute(call("echo", "{\"text\": \"hi\"}"));

        assertThat(result).isEqualTo("said hi");
        assertThat(order).containsExactly("start", "executed", "end");
        assertThat(heard).containsExactly("echo:start", "echo:end");
        ToolEvent end = session.events().get(1);
        assertThat(end.args()).containsEntry("text", "hi");
        assertThat(end.latencyMs()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(end.resultPreview()).isEqualTo("said hi");
    }

    @Test
    void aFailingListenerDoesNotDisturbTheCall() {
        ToolSession session = new ToolSession(List.of(tool("echo", args -> "ok")), e -> {
            throw new IllegalStateException("client went away");
        }, null);
        assertThat(session.execute(call("echo", "{}"))).isEqualTo("ok");
        assertThat(session.events()).hasSize(2);
    }

    @Test
    void badArgumentsUnknownToolsAndFailingToolsBecomeErrorEventsAndTextForTheModel() {
        ToolSession session = new ToolSession(List.of(tool("boom", args -> {
            throw new ToolFailedException("broken", "The tool is broken");
        })), null, null);

        assertThat(session.execute(call("boom", "[1, 2]"))).isEqualTo("Error: the arguments must be a JSON object");
        assertThat(session.execute(call("nope", "{}"))).startsWith("Error: there is no tool named nope; available: boom");
        assertThat(session.execute(call("boom", "{}"))).isEqualTo("Error: The tool is broken");
        assertThat(session.events()).extracting(ToolEvent::status).containsExactly("error", "error", "start", "error");
        assertThat(session.events().getLast().errorMessage()).isEqualTo("The tool is broken");
    }

    @Test
    void aLongResultIsCutForTheModelAndThePreviewIsShort() {
        ToolSession session = new ToolSession(List.of(tool("long", args -> "x".repeat(10_000))), null, null);
        String result = session.execute(call("long", "{}"));
        assertThat(result).hasSize(ToolSession.MAX_RESULT_CHARS + " [truncated]".length());
        assertThat(session.events().getLast().resultPreview()).hasSize(ToolEvent.PREVIEW_CHARS);
    }

    @Test
    void aPipelineStepThatFailsIsRecordedAndRethrown() {
        ToolSession session = new ToolSession(List.of(), null, null);
        assertThatThrownBy(() -> session.record("semantic_search", Map.of("query", "q"), () -> {
            throw new IllegalStateException("down");
        }, r -> "")).isInstanceOf(IllegalStateException.class);
        assertThat(session.events()).extracting(ToolEvent::status).containsExactly("start", "error");
    }

    @Test
    void accountQuestionsAreRecognised() {
        assertThat(AccountQuestion.matches("What email do you have on my account?")).isTrue();
        assertThat(AccountQuestion.matches("Can you show me my profile")).isTrue();
        assertThat(AccountQuestion.matches("what do you know about me")).isTrue();
        assertThat(AccountQuestion.matches("How long do refunds take?")).isFalse();
        assertThat(AccountQuestion.matches("I want a refund for my order")).isFalse();
    }

    @Test
    void webSearchIsOfferedOnlyWhenAProviderIsConfigured() {
        ToolsProperties.Mcp noMcp = new ToolsProperties.Mcp(List.of(), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1));
        McpServers mcp = new McpServers(new ToolsProperties(null, noMcp), java.time.Clock.systemUTC());
        ToolsProperties without = new ToolsProperties(new ToolsProperties.WebSearch(null, null, null, 5, java.time.Duration.ofSeconds(5)), noMcp);
        ToolsProperties with = new ToolsProperties(new ToolsProperties.WebSearch("tavily", "tvly-key", null, 5, java.time.Duration.ofSeconds(5)), noMcp);

        assertThat(new ToolBox(null, null, null, mcp, null, without, 5).names())
                .containsExactly("semantic_search", "crm_lookup", "create_ticket");
        assertThat(new ToolBox(null, null, null, mcp, null, with, 5).names()).contains("web_search");
        ToolsProperties keyMissing = new ToolsProperties(new ToolsProperties.WebSearch("tavily", "", null, 5, java.time.Duration.ofSeconds(5)), noMcp);
        assertThatThrownBy(() -> new ToolBox(null, null, null, mcp, null, keyMissing, 5)).hasMessageContaining("WEB_SEARCH_API_KEY");
    }
}
