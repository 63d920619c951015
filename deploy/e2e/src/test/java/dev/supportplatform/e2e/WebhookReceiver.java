package dev.supportplatform.e2e;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A webhook endpoint in the test JVM: records each delivery's X-Webhook-Signature and raw body, answers 204. */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Delivery(String signature, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String event() {
            return json().get("event").asString();
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Webhook-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    /** The URL to subscribe (loopback: the local platform's webhook guard allows it). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** What has been delivered so far, in order of arrival. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
