package dev.supportplatform.common.test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JDK WebSocket listener for tests of JSON WebSocket APIs: collects each whole text message (joined from its
 * fragments) as JSON, in order, and the close code and reason.
 */
public class WebSocketMessages implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringBuilder partial = new StringBuilder();
    private final Duration wait;
    /** Messages not yet taken by {@link #next()}. */
    public final LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    /** Every message received. */
    public final List<JsonNode> all = new CopyOnWriteArrayList<>();
    /** Completes with the close code (or the transport error). */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    public volatile String closeReason;

    public WebSocketMessages() {
        this(Duration.ofSeconds(20));
    }

    /** @param wait how long {@link #next()} waits for a message */
    public WebSocketMessages(Duration wait) {
        this.wait = wait;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode node = JSON.readTree(partial.toString());
            partial.setLength(0);
            all.add(node);
            queue.add(node);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** The next message; fails the test when none comes in time. */
    public JsonNode next() throws InterruptedException {
        JsonNode node = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (node == null) {
            throw new AssertionError("no message within " + wait.toSeconds() + " s; received so far: " + all);
        }
        return node;
    }

    /** Messages up to and including the first that matches. */
    public List<JsonNode> until(Predicate<JsonNode> last) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            JsonNode node = next();
            out.add(node);
            if (last.test(node)) {
                return out;
            }
        }
    }
}
