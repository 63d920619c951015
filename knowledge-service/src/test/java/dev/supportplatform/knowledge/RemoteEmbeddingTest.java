package dev.supportplatform.knowledge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.supportplatform.knowledge.Multipart.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * EMBEDDING_PROVIDER=openai: embeddings come from an OpenAI-compatible endpoint (here a stand-in on loopback that
 * embeds words by hashing them), and a failure there fails a background ingestion with its reason, storing nothing.
 */
@ServiceIntegrationTest
class RemoteEmbeddingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger requests = new AtomicInteger();
    private static HttpServer remote;

    @DynamicPropertySource
    static void remoteEmbeddings(DynamicPropertyRegistry registry) throws IOException {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/v1/embeddings", RemoteEmbeddingTest::embed);
        remote.start();
        registry.add("knowledge.embedding.provider", () -> "openai");
        registry.add("knowledge.embedding.base-url", () -> "http://127.0.0.1:" + remote.getAddress().getPort() + "/v1");
        registry.add("knowledge.embedding.api-key", () -> "test-key");
        registry.add("knowledge.embedding.model-name", () -> "hashed-words");
    }

    @AfterAll
    static void stopRemote() {
        remote.stop(0);
    }

    /** One vector per input: word counts hashed into 384 dimensions; an input containing "unembeddable" is refused. */
    private static void embed(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        ArrayNode data = JSON.createArrayNode();
        int index = 0;
        for (JsonNode input : request.get("input")) {
            if (input.asString().contains("unembeddable")) {
                respond(exchange, 400, "{\"error\": {\"message\": \"input refused\", \"type\": \"invalid_request_error\"}}");
                return;
            }
            ArrayNode vector = data.addObject().put("object", "embedding").put("index", index++).putArray("embedding");
            double[] v = new double[384];
            for (String word : input.asString().toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!word.isEmpty()) {
                    v[Math.floorMod(word.hashCode(), 384)] += 1;
                }
            }
            for (double x : v) {
                vector.add(x);
            }
        }
        ObjectNode body = JSON.createObjectNode().put("object", "list").put("model", "hashed-words");
        body.set("data", data);
        body.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
        respond(exchange, 200, body.toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ingestsAndSearchesWithTheRemoteModel() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        int before = requests.get();
        api.post("/api/v1/knowledge-base", Map.of("title", "Parking", "content", "Visitors park in the garage behind the north entrance."));
        api.post("/api/v1/knowledge-base", Map.of("title", "Lunch", "content", "The canteen serves lunch from noon until two."));

        JsonNode results = api.post("/api/v1/knowledge-base/search", Map.of("query", "where do visitors park", "top_k", 1)).json().get("results");
        assertThat(results.get(0).get("title").asString()).isEqualTo("Parking");
        assertThat(requests.get() - before).as("two articles and one query embedded remotely").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRemoteFailureFailsABackgroundIngestionWithItsReasonAndStoresNothing() {
        String tenant = TestTokens.newTenant();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            text.append("Section ").append(i).append(" of the staff handbook explains holidays, sick leave and travel rules.\n\n");
        }
        text.append("This last part is unembeddable.");
        var response = Multipart.post(port, tenant, "/v1/ingestion/upload", Multipart.parts(file("file", "handbook.txt", "text/plain", text.toString())));
        assertThat(response.json().get("status").asString()).isEqualTo("processing");
        String id = response.json().get("document_id").asString();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode doc = HttpApi.at(port).asTenant(tenant).get("/v1/ingestion/documents/" + id).json();
            assertThat(doc.get("status").asString()).isEqualTo("failed");
        });
        JsonNode listed = HttpApi.at(port).asTenant(tenant).get("/rag/documents").json().get("data").get(0);
        assertThat(listed.get("status").asString()).isEqualTo("failed");
        assertThat(listed.get("error").asString()).startsWith("Processing failed");
        assertThat(HttpApi.at(port).asTenant(tenant).get("/rag/stats").json().get("data").get("collection_health").asString()).isEqualTo("degraded");
        // Earlier batches were inserted in the document's transaction, which rolled back.
        assertThat(jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from term_stats where tenant_id = ?", Integer.class, tenant)).isZero();
    }
}
