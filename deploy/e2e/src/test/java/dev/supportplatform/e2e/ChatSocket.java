package dev.supportplatform.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A customer's assistant.md WebSocket ({@code /chat/{session_id}?api_key=...}) through the gateway, collecting what the server sends. */
final class ChatSocket implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> received;
    private final List<JsonNode> seen = new ArrayList<>();

    private ChatSocket(WebSocket socket, LinkedBlockingQueue<JsonNode> received) {
        this.socket = socket;
        this.received = received;
    }

    static ChatSocket open(String gatewayUrl, String sessionId, String apiKey) {
        LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        URI uri = URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/chat/" + sessionId + "?api_key="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(JSON.readTree(partial.toString()));
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        return new ChatSocket(socket, received);
    }

    /** The first message (including ones already received) that matches, waiting up to {@code timeout}. */
    JsonNode awaitMessage(Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        for (JsonNode m : seen) {
            if (matching.test(m)) {
                return m;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                break;
            }
            seen.add(m);
            if (matching.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no matching WebSocket message within " + timeout + "; received: " + seen);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
