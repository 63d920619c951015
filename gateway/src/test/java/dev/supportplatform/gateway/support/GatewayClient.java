package dev.supportplatform.gateway.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A plain HTTP client for the gateway, as a real client calls it. Each client comes from its own made-up IP
 * (X-Forwarded-For, honoured because the test gateway trusts the loopback proxy), so per-IP limits of one test never
 * touch another's.
 */
public final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static GatewayClient at(int port) {
        return new GatewayClient("http://localhost:" + port).withHeader("X-Forwarded-For", randomIp());
    }

    public static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public GatewayClient withHeader(String name, String value) {
        GatewayClient copy = new GatewayClient(baseUrl);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    public GatewayClient withKey(String key) {
        return withHeader("X-API-Key", key);
    }

    public GatewayClient withBearer(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    public GatewayClient asRoot(String tenant) {
        GatewayClient client = withKey(TestSecrets.ROOT_KEY);
        return tenant == null ? client : client.withHeader("X-Tenant-Id", tenant);
    }

    /** The same client from another made-up IP. */
    public GatewayClient fromNewIp() {
        return withHeader("X-Forwarded-For", randomIp());
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response post(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").POST(bodyOf(body)));
    }

    public Response put(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").PUT(bodyOf(body)));
    }

    public Response postRaw(String path, String contentType, String rawBody) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    public static HttpClient http() {
        return CLIENT;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(json);
    }

    public static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
