package dev.supportplatform.chat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.test.TestTokens;
import dev.supportplatform.common.test.WebSocketMessages;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Streaming tests: the OpenAI-compatible provider (WireMock) streams its answer as chat-completion chunks, optionally
 * slowly; clients are the JDK's HTTP and WebSocket clients, reading what a browser or the contract's samples would.
 */
@org.junit.jupiter.api.Timeout(90)
abstract class StreamingSupport extends RemoteProvidersSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void anyOtherQuestionIsAnsweredBriefly() {
        modelStreams(0, "Happy", " to", " help.");
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(90)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(completion("Happy to help."))));
    }

    /** The provider streams these pieces, spread over {@code totalMillis}, then stops with token usage. */
    static void modelStreams(int totalMillis, String... pieces) {
        modelStreams(null, totalMillis, pieces);
    }

    static void modelStreams(String questionFragment, int totalMillis, String... pieces) {
        StringBuilder body = new StringBuilder();
        for (String piece : pieces) {
            body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":").append(JSON.writeValueAsString(piece))
                    .append("},\"finish_reason\":null}]}\n\n");
        }
        body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":" + pieces.length + ",\"total_tokens\":" + (300 + pieces.length) + "}}\n\n");
        body.append("data: [DONE]\n\n");
        ResponseDefinitionBuilder response = aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(body.toString());
        if (totalMillis > 0) {
            response = response.withChunkedDribbleDelay(pieces.length + 2, totalMillis);
        }
        var request = post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$[?(@.stream == true)]"));
        if (questionFragment != null) {
            // the question being answered, not the history before it
            request = request.withRequestBody(matchingJsonPath("$.messages[-1:].content",
                    com.github.tomakehurst.wiremock.client.WireMock.containing(questionFragment)));
        }
        PROVIDER.stubFor(request.atPriority(questionFragment == null ? 50 : 1).willReturn(response));
    }

    /** A socket straight to the service, as the gateway would open it for the tenant. */
    WebSocket socket(String tenant, String sessionId, Messages listener) {
        return HTTP.newWebSocketBuilder().header(PlatformHeaders.INTERNAL_TOKEN, TestTokens.forTenant(tenant))
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/chat/" + sessionId), listener).join();
    }

    static void send(WebSocket socket, String json) {
        socket.sendText(json, true).join();
    }

    /** Whole server messages as JSON, and the close code. */
    static final class Messages extends WebSocketMessages {
    }

    static boolean isFinal(JsonNode message) {
        return "text".equals(message.path("type").asString()) && message.path("metadata").path("is_final").asBoolean(false);
    }
}
