package dev.supportplatform.e2e;

import dev.supportplatform.common.test.WebSocketMessages;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A customer's assistant.md WebSocket ({@code /chat/{session_id}?api_key=...}) through the gateway, collecting what the server sends. */
final class ChatSocket implements AutoCloseable {

    private final WebSocket socket;
    private final WebSocketMessages messages;

    private ChatSocket(WebSocket socket, WebSocketMessages messages) {
        this.socket = socket;
        this.messages = messages;
    }

    static ChatSocket open(String gatewayUrl, String sessionId, String apiKey) {
        WebSocketMessages messages = new WebSocketMessages();
        URI uri = URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/chat/" + sessionId + "?api_key="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, messages).join();
        return new ChatSocket(socket, messages);
    }

    /** The first message received so far or within {@code timeout} that matches. */
    JsonNode awaitMessage(Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode m : messages.all) {
                if (matching.test(m)) {
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching WebSocket message within " + timeout + "; received: " + messages.all);
            }
            messages.queue.poll(200, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
