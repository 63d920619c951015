package dev.supportplatform.gateway.support;

import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for one platform service: answers every path with its own name, records what it
 * received (the gateway's forwarded headers), and offers the behaviours the gateway must proxy: a slow answer, a
 * server-sent event stream, a WebSocket echo, a readiness probe and a JWKS document.
 */
public final class TestBackend {

    /** One request as the service received it. */
    public record Received(String method, String path, String query, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private static final LoopResources LOOPS = LoopResources.create("test-backend", 2, true);

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String jwks = "{\"keys\":[]}";
    private volatile int port;
    private volatile long lastBodyBytes;
    private volatile DisposableServer server;

    public TestBackend(String name) {
        this.name = name;
    }

    public synchronized TestBackend start() {
        // its own event loops: a gateway context closed by a test (a second replica) disposes the shared ones
        // ...and its connections in a group, so that stopping closes them too, as a service going down does
        server = HttpServer.create().runOn(LOOPS).channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
                .host("127.0.0.1").port(port)
                .handle(this::handle)
                .bindNow();
        port = server.port();
        return this;
    }

    /** Stops listening: connections to the port are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.disposeNow();
            server = null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public void serveJwks(String json) {
        this.jwks = json;
    }

    /** Size of the last request body this service read to the end. */
    public long lastBodyBytes() {
        return lastBodyBytes;
    }

    public List<Received> received() {
        return received;
    }

    /** The last request this service received for {@code path}. */
    public Received lastFor(String path) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).path().equals(path)) {
                return received.get(i);
            }
        }
        return null;
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        if (path.equals("/actuator/health/readiness")) {
            return json(response, "{\"status\":\"UP\"}");
        }
        if (path.equals("/jwks.json")) {
            return json(response, jwks);
        }
        received.add(new Received(request.method().name(), path, query, headers(request.requestHeaders())));
        if (path.equals("/v3/api-docs")) {
            return json(response, "{\"openapi\":\"3.1.0\",\"paths\":{\"/" + name + "/documented\":{\"get\":{\"summary\":\""
                    + name + "\"}}},\"components\":{\"schemas\":{\"" + name + "-schema\":{\"type\":\"object\"}}}}");
        }
        if (path.equals("/actuator/info")) {
            String settings = switch (name) {
                case "chat-service" -> "{\"ai_config\":{\"model\":\"local\",\"temperature\":0.2,\"max_tokens\":800}}";
                case "knowledge-service" -> "{\"rag_config\":{\"chunk_size\":800,\"chunk_overlap\":100,\"max_retrieval_docs\":5}}";
                default -> "{}";
            };
            return json(response, "{\"settings\":" + settings + "}");
        }
        if (path.endsWith("/stream")) {
            // Server-sent events with a pause before the last one: the first must reach the client at once.
            Flux<String> events = Flux.concat(Flux.just("data: first\n\n"),
                    Mono.delay(Duration.ofSeconds(2)).thenReturn("data: last\n\n"));
            return response.header("Content-Type", "text/event-stream").sendString(events, StandardCharsets.UTF_8)
                    .then();
        }
        if (request.requestHeaders().containsValue("Upgrade", "websocket", true)) {
            // Echoes every frame; the text "close" makes it close with code 4000, to show close codes pass through.
            return response.sendWebsocket((in, out) -> out.sendObject(in.receiveFrames().map(frame ->
                            frame instanceof TextWebSocketFrame text && text.text().equals("close")
                                    ? new CloseWebSocketFrame(4000, "bye") : frame.retain())),
                    WebsocketServerSpec.builder().maxFramePayloadLength(8 * 1024 * 1024).build());
        }
        if (path.contains("slow")) {
            return Mono.delay(Duration.ofSeconds(4)).then(json(response, "{\"slow\":true}").then());
        }
        // like a real service, reads the whole request body before answering
        return request.receive().map(buffer -> (long) buffer.readableBytes()).reduce(0L, Long::sum)
                .flatMap(bytes -> {
                    lastBodyBytes = bytes;
                    return json(response, "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}");
                });
    }

    private static Mono<Void> json(HttpServerResponse response, String body) {
        return response.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach(e -> out.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + "," + b));
        return out;
    }
}
