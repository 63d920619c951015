package dev.supportplatform.e2e;

import dev.supportplatform.common.test.WebSocketMessages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 6, real time, on the running platform: assistant.md's SSE stream and WebSocket through the gateway to
 * chat-service, as the contract's Python and JavaScript samples use them, including the close codes a browser sees.
 */
@ExtendWith(E2ePlatform.Resolver.class)
class RealtimeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static E2ePlatform platform;

    @BeforeAll
    static void platform(E2ePlatform running) {
        platform = running;
    }

    private static String newTenant() {
        return E2ePlatform.randomTenantId("rt");
    }

    @Test
    void theSseStreamSendsTokensThenDoneThroughTheGateway() throws Exception {
        String tenant = newTenant();
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/chat/stream"))
                .header("X-API-Key", platform.rootKey).header("X-Tenant-Id", tenant).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"role\": \"user\", \"content\": \"Hello!\"}],"
                        + " \"session_id\": \"rt-sse\", \"enable_tools\": true}")).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) { // the Python sample's parsing
                    events.add(JSON.readTree(line.substring(6)));
                } else {
                    assertThat(line).isEmpty();
                }
            }
        }
        List<String> names = events.stream().map(e -> e.get("event").asString()).toList();
        assertThat(names).contains("token").endsWith("done");
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.get("event").asString().equals("token")).forEach(e -> text.append(e.get("data").get("text").asString()));
        JsonNode done = events.getLast().get("data");
        assertThat(done.get("final_text").asString()).isEqualTo(text.toString()).isNotBlank();
        assertThat(done.get("metadata").get("session_id").asString()).isEqualTo("rt-sse");
    }

    private static WebSocket connect(String query, String tenant, WebSocketMessages listener) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tenant != null) {
            builder.header("X-Tenant-Id", tenant);
        }
        return builder.buildAsync(URI.create(platform.gatewayUrl().replaceFirst("^http", "ws") + "/chat/rt-ws" + query), listener).join();
    }

    @Test
    void theWebSocketWelcomesStreamsAndAnswersPingsThroughTheGateway() throws Exception {
        WebSocketMessages messages = new WebSocketMessages(Duration.ofSeconds(30));
        WebSocket socket = connect("?api_key=" + platform.rootKey, newTenant(), messages);
        JsonNode welcome = messages.next();
        assertThat(welcome.get("type").asString()).isEqualTo("system");
        assertThat(welcome.get("content").asString()).isEqualTo("Connected to chat session");

        socket.sendText("{\"type\": \"text\", \"content\": \"Hello!\", \"timestamp\": \"2025-01-26T15:00:00Z\"}", true).join();
        StringBuilder streamed = new StringBuilder();
        JsonNode message;
        do {
            message = messages.next();
            assertThat(message.get("type").asString()).as(message.toString()).isNotEqualTo("error");
            assertThat(message.has("timestamp")).isTrue();
            if (message.get("type").asString().equals("text") && message.path("metadata").path("is_streaming").asBoolean(false)) {
                streamed.append(message.get("content").asString());
            }
        } while (!(message.get("type").asString().equals("text") && message.path("metadata").path("is_final").asBoolean(false)));
        assertThat(message.get("content").asString()).isEqualTo(streamed.toString()).isNotBlank();

        socket.sendText("{\"type\": \"ping\"}", true).join();
        assertThat(messages.next().get("type").asString()).isEqualTo("pong");
        socket.sendClose(1000, "bye").join();
        assertThat(messages.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void aBadApiKeyEndsInClose1008WhichABrowserCanSee() throws Exception {
        WebSocketMessages messages = new WebSocketMessages(Duration.ofSeconds(30));
        connect("?api_key=not-a-key", null, messages);
        assertThat(messages.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(messages.queue).isEmpty();
    }

    @Test
    void aClientSendingMoreThan1000MessagesAMinuteIsClosedWith1008() throws Exception {
        WebSocketMessages messages = new WebSocketMessages(Duration.ofSeconds(30));
        WebSocket socket = connect("?api_key=" + platform.rootKey, newTenant(), messages);
        messages.next();
        int sent = 0;
        for (int i = 0; i < 1001 && !messages.closed.isDone(); i++) {
            socket.sendText("{\"type\": \"ping\"}", true).join();
            sent++;
        }
        assertThat(messages.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(messages.closeReason).contains("rate limit");
        assertThat(sent).isEqualTo(1001);
    }
}
