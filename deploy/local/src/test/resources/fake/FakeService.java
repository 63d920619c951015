import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for a service in the launcher's tests: healthy on its health paths, shows the environment it was given
 * at /env, or fails at start when FAKE_FAIL_PORT names its port.
 */
public class FakeService {
    public static void main(String[] args) throws Exception {
        String port = System.getenv("PORT");
        System.out.println("fake service starting on port " + port);
        if (port.equals(System.getenv("FAKE_FAIL_PORT"))) {
            System.out.println("fatal: the database refused the connection");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(port)), 0);
        server.createContext("/actuator/health", exchange -> reply(exchange, "{\"status\":\"UP\"}"));
        server.createContext("/env", exchange -> {
            StringBuilder body = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
                body.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            reply(exchange, body.toString());
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake service stopping")));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
