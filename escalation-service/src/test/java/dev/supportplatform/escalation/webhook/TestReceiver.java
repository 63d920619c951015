package dev.supportplatform.escalation.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A real HTTP webhook receiver on 127.0.0.1 that records every request and answers as told. */
final class TestReceiver implements AutoCloseable {

    record Request(String id, String signature, String timestamp, String event, byte[] rawBody, int answered) {
        String body() {
            return new String(rawBody, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Integer> answer = r -> 200;

    TestReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> h = exchange.getRequestHeaders();
            Request seen = new Request(first(h, "X-webhook-id"), first(h, "X-webhook-signature"), first(h, "X-webhook-timestamp"),
                    first(h, "X-webhook-event"), body, 0);
            int code = answer.apply(seen);
            requests.add(new Request(seen.id(), seen.signature(), seen.timestamp(), seen.event(), body, code));
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.getFirst();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answer(Function<Request, Integer> answer) {
        this.answer = answer;
    }

    List<Request> ofEvent(String event) {
        return requests.stream().filter(r -> event.equals(r.event())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
