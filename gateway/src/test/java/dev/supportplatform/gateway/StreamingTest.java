package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import dev.supportplatform.gateway.support.TestSecrets;
import dev.supportplatform.gateway.support.Tenants;
import dev.supportplatform.common.identity.Identity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-sent events and the chat WebSocket through the gateway. */
@GatewayIntegrationTest
class StreamingTest {

    @LocalServerPort
    int port;

    @Test
    void serverSentEventsPassThroughWithoutBuffering() throws Exception {
        HttpRequest request = GatewayClient.at(port).asRoot(null).builder("/v1/chat/stream")
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = GatewayClient.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            long firstMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(first).isEqualTo("data: first");
            // the service holds the next event back 2 s; the first must not wait for it
            assertThat(firstMillis).as("first event after %d ms", firstMillis).isLessThan(1000);
            String line;
            String last = null;
            while ((line = lines.readLine()) != null) {
                if (!line.isEmpty()) {
                    last = line;
                }
            }
            assertThat(last).isEqualTo("data: last");
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1900);
        }
    }

    /** Collects whole text messages and the close code. */
    static final class Listener implements WebSocket.Listener {
        final StringBuilder partial = new StringBuilder();
        final java.util.concurrent.LinkedBlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile String reason;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.reason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private WebSocket connect(String query, Map<String, String> headers, Listener listener) {
        WebSocket.Builder builder = GatewayClient.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("X-Forwarded-For", GatewayClient.randomIp());
        headers.forEach(builder::header);
        return builder.buildAsync(URI.create("ws://localhost:" + port + "/chat/session-1" + query), listener).join();
    }

    @Test
    void webSocketEchoesAOneMegabyteFrameThroughTheGateway() throws Exception {
        Listener listener = new Listener();
        WebSocket socket = connect("?api_key=" + TestSecrets.ROOT_KEY, Map.of(), listener);
        String big = "x".repeat(1024 * 1024);
        socket.sendText(big, true).join();
        String echoed = listener.messages.poll(10, TimeUnit.SECONDS);
        assertThat(echoed).hasSize(big.length()).isEqualTo(big);

        // the same message sent in fragments (a text frame and continuation frames) arrives whole
        String half = "y".repeat(512 * 1024);
        socket.sendText(half, false).join();
        socket.sendText(half, true).join();
        assertThat(listener.messages.poll(10, TimeUnit.SECONDS)).isEqualTo(half + half);

        TestBackendHeaders.assertSignedIdentity("/chat/session-1");
        socket.sendText("close", true).join();
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4000);
    }

    /**
     * Clients send as soon as the socket opens (browsers in {@code onopen}); those first frames reach the gateway
     * while it is still switching the connection from HTTP to WebSocket and must not be lost there.
     */
    @Test
    void messagesSentTheMomentTheSocketOpensAllArriveInOrder() throws Exception {
        for (int connection = 0; connection < 20; connection++) {
            Listener listener = new Listener();
            WebSocket socket = connect("?api_key=" + TestSecrets.ROOT_KEY, Map.of(), listener);
            java.util.List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add("c" + connection + "-m" + i);
                socket.sendText(sent.getLast(), true).join();
            }
            java.util.List<String> echoed = new java.util.ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                String message = listener.messages.poll(10, TimeUnit.SECONDS);
                if (message == null) {
                    break;
                }
                echoed.add(message);
            }
            assertThat(echoed).as("echoes on connection %d", connection).isEqualTo(sent);
            socket.sendClose(1000, "done").join();
        }
    }

    @Test
    void webSocketFromAnOriginTheTenantDoesNotAllowIsClosedWith1008() throws Exception {
        String tenant = Tenants.create(port, "https://app.example.com");
        String key = Tenants.newKey(port, tenant, "starter");
        long before = TestBackends.CHAT.received().stream().filter(r -> r.path().equals("/chat/session-1")).count();
        Listener refused = new Listener();
        connect("?api_key=" + key, Map.of("Origin", "https://evil.example.com"), refused);
        assertThat(refused.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(refused.reason).isEqualTo("Origin not allowed");
        assertThat(TestBackends.CHAT.received().stream().filter(r -> r.path().equals("/chat/session-1")).count())
                .as("nothing proxied").isEqualTo(before);

        Listener listener = new Listener();
        WebSocket allowed = connect("?api_key=" + key, Map.of("Origin", "https://app.example.com"), listener);
        allowed.sendText("hello", true).join();
        assertThat(listener.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
        allowed.sendClose(1000, "done").join();
    }

    /** Over the per-IP burst, a handshake is accepted and closed with 1013 (try again later) instead of an HTTP 429. */
    @Test
    void webSocketHandshakesOverTheRateLimitAreClosedWith1013() throws Exception {
        String ip = GatewayClient.randomIp();
        java.util.List<Integer> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 30 && !codes.contains(1013); i++) {
            Listener listener = new Listener();
            WebSocket socket = GatewayClient.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .header("X-Forwarded-For", ip)
                    .buildAsync(URI.create("ws://localhost:" + port + "/chat/session-1?api_key=" + TestSecrets.ROOT_KEY), listener).join();
            socket.sendText("close", true);
            codes.add(listener.closed.get(10, TimeUnit.SECONDS));
            if (listener.closed.get() == 1013) {
                assertThat(listener.reason).isEqualTo("Rate limit exceeded");
            }
        }
        assertThat(codes).as("close codes of successive handshakes from one IP").contains(1013);
        assertThat(codes.getFirst()).as("the first handshake is within the limit").isEqualTo(4000);
    }

    /** A browser cannot see an HTTP 401 on an upgrade: the socket opens and closes at once with 1008, nothing proxied. */
    @Test
    void webSocketWithoutCredentialIsClosedWith1008() throws Exception {
        long before = TestBackends.CHAT.received().stream().filter(r -> r.path().equals("/chat/session-1")).count();
        Listener listener = new Listener();
        connect("", Map.of(), listener);
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(listener.messages).isEmpty();
        assertThat(TestBackends.CHAT.received().stream().filter(r -> r.path().equals("/chat/session-1")).count()).isEqualTo(before);
    }

    @Test
    void webSocketWithAnUnknownApiKeyIsClosedWith1008() throws Exception {
        Listener listener = new Listener();
        connect("?api_key=sk-not-a-real-key", Map.of(), listener);
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        Listener viaToken = new Listener();
        connect("?token=not-a-jwt", Map.of(), viaToken);
        assertThat(viaToken.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void webSocketClientSendingMoreThan1000MessagesAMinuteIsClosedWith1008() throws Exception {
        Listener listener = new Listener();
        WebSocket socket = connect("?token=" + TestSecrets.ROOT_KEY, Map.of(), listener);
        AtomicInteger sent = new AtomicInteger();
        for (int i = 0; i < 1001 && !listener.closed.isDone(); i++) {
            socket.sendText("m" + i, true).join();
            sent.incrementAndGet();
        }
        // generous: on a loaded CI machine the 1,001 frames can take several seconds to pass through
        assertThat(listener.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(sent.get()).isEqualTo(1001);
    }

    /** What the chat service received on the WebSocket handshake. */
    static final class TestBackendHeaders {
        static void assertSignedIdentity(String path) {
            var received = TestBackends.CHAT.lastFor(path);
            assertThat(received).isNotNull();
            Identity identity = TestSecrets.CODEC.verify(received.header("X-Internal-Token"));
            assertThat(identity.tenantId()).isEqualTo("default");
            assertThat(received.query()).isNull();
        }
    }
}
