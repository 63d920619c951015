package dev.supportplatform.knowledge;

import com.pgvector.PGvector;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.ingestion.IngestionService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class KnowledgeBaseApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Embedder embedder;

    @Autowired
    JdbcTemplate jdbc;

    private HttpApi as(String tenant) {
        return HttpApi.at(port).asTenant(tenant);
    }

    private String createArticle(String tenant, String title, String content, String category, List<String> tags) {
        HttpApi.Response created = as(tenant).post("/api/v1/knowledge-base", Map.of("title", title, "content", content,
                "category", category, "tags", tags, "metadata", Map.of("author", "support_team")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("published");
        assertThat(created.json().get("indexed").asBoolean()).isTrue();
        return created.json().get("article_id").asString();
    }

    @Test
    void articlesAreCreatedReadListedUpdatedAndDeleted() throws Exception {
        String tenant = TestTokens.newTenant();
        String id = createArticle(tenant, "Password Reset Guide", "Open Settings, choose Security and press Reset password.",
                "account-management", List.of("password", "security"));
        createArticle(tenant, "Shipping times", "Orders ship within two business days.", "orders", List.of("shipping"));
        assertThat(id).startsWith("kb_");

        JsonNode article = as(tenant).get("/api/v1/knowledge-base/" + id).json();
        assertThat(article.get("title").asString()).isEqualTo("Password Reset Guide");
        assertThat(article.get("content").asString()).startsWith("Open Settings");
        assertThat(article.get("metadata").get("author").asString()).isEqualTo("support_team");

        JsonNode list = as(tenant).get("/api/v1/knowledge-base?category=account-management").json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(as(tenant).get("/api/v1/knowledge-base?tags=shipping").json().get("articles").get(0).get("title").asString())
                .isEqualTo("Shipping times");

        HttpApi.Response updated = as(tenant).put("/api/v1/knowledge-base/" + id,
                Map.of("content", "Passwords are now reset by emailing the helpdesk robot Zorblax."));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("title").asString()).isEqualTo("Password Reset Guide");
        String titleVector = jdbc.queryForObject("select title_embedding::text from documents where id = ?", String.class, id);
        assertThat(new PGvector(titleVector).toArray()).containsExactly(embedder.embedTitles(List.of("Password Reset Guide")).getFirst(), within(1e-5f));
        List<String> chunks = jdbc.queryForList("select content from chunks where document_id = ?", String.class, id);
        assertThat(chunks).hasSize(1).allMatch(c -> c.contains("Zorblax") && !c.contains("Open Settings"));
        JsonNode hit = search(tenant, "how do I reset my password", Map.of()).get(0);
        assertThat(hit.get("content").asString()).contains("Zorblax");
        assertThat(hit.get("metadata").get("article_id").asString()).isEqualTo(id);
        assertThat(hit.get("source").asString()).isEqualTo("Password Reset Guide");

        HttpApi.Response deleted = as(tenant).delete("/api/v1/knowledge-base/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(as(tenant).get("/api/v1/knowledge-base/" + id).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from chunks where document_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void searchReturnsTheContractShapeWithScoresHighlightsAndFilters() {
        String tenant = TestTokens.newTenant();
        String billing = createArticle(tenant, "Invoices", "Invoices are emailed on the first day of each month.", "billing", List.of("invoice"));
        createArticle(tenant, "Holidays", "The office is closed on the first day of each year.", "general", List.of("office"));

        HttpApi.Response response = as(tenant).post("/api/v1/knowledge-base/search",
                Map.of("query", "when are invoices sent", "top_k", 5, "filters", Map.of()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("took_ms")).isTrue();
        JsonNode top = response.json().get("results").get(0);
        assertThat(top.get("document_id").asString()).isEqualTo(billing);
        assertThat(top.get("chunk_id").asString()).isNotBlank();
        assertThat(top.get("title").asString()).isEqualTo("Invoices");
        assertThat(top.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(top.get("highlights").get(0).asString()).contains("<mark>Invoices</mark>");
        assertThat(top.get("metadata").get("category").asString()).isEqualTo("billing");
        assertThat(top.get("metadata").get("tags").get(0).asString()).isEqualTo("invoice");
        double topScore = top.get("score").asDouble();
        assertThat(response.json().get("results").get(1).get("score").asDouble()).isLessThanOrEqualTo(topScore);

        assertThat(search(tenant, "when are invoices sent", Map.of("category", "general")).get(0).get("title").asString()).isEqualTo("Holidays");
        assertThat(search(tenant, "when are invoices sent", Map.of("tags", List.of("office")))).hasSize(1);
        assertThat(search(tenant, "when are invoices sent", Map.of("document_id", billing))).hasSize(1);

        HttpApi.Response invalid = as(tenant).post("/api/v1/knowledge-base/search", Map.of("query", "", "top_k", 500));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error").get("code").asString()).isEqualTo("invalid_request");
    }

    @Test
    void noTenantSeesOrChangesAnotherTenantsKnowledge() {
        String owner = TestTokens.newTenant();
        String stranger = TestTokens.newTenant();
        String id = createArticle(owner, "Vault code", "The vault code is 4711.", "secrets", List.of());
        Multipart.post(port, owner, "/upload_docs", Multipart.parts(Multipart.file("files", "private.txt", "text/plain", "Owner-only salary table.")));

        assertThat(search(stranger, "vault code", Map.of())).isEmpty();
        assertThat(search(stranger, "salary table", Map.of("document_id", id))).isEmpty();
        assertThat(as(stranger).get("/api/v1/knowledge-base/" + id).status()).isEqualTo(404);
        assertThat(as(stranger).put("/api/v1/knowledge-base/" + id, Map.of("content", "hacked")).status()).isEqualTo(404);
        assertThat(as(stranger).delete("/api/v1/knowledge-base/" + id).status()).isEqualTo(404);
        assertThat(as(stranger).delete("/rag/documents/private.txt").status()).isEqualTo(404);
        assertThat(as(stranger).get("/rag/documents").json().get("pagination").get("total").asInt()).isZero();
        assertThat(as(stranger).get("/rag/stats").json().get("data").get("total_documents").asInt()).isZero();
        // The same content in another tenant is that tenant's own document, not a duplicate of the owner's.
        HttpApi.Response same = as(stranger).post("/api/v1/knowledge-base", Map.of("title", "Vault code", "content", "The vault code is 4711."));
        assertThat(same.status()).isEqualTo(201);
        assertThat(same.json().get("article_id").asString()).isNotEqualTo(id);

        assertThat(search(owner, "vault code", Map.of()).get(0).get("content").asString()).contains("4711");
    }

    @Test
    void requestsWithoutAValidInternalTokenAreRejected() {
        HttpApi.Response response = HttpApi.at(port).post("/api/v1/knowledge-base/search", Map.of("query", "anything"));
        assertThat(response.status()).isEqualTo(401);
    }

    /** Chat embeds every message to score it and sends that vector along, which spares embedding the query again. */
    @Test
    void searchUsesTheCallersQueryVectorOnlyWhenItComesFromTheSameModel() {
        String tenant = TestTokens.newTenant();
        String invoices = createArticle(tenant, "Invoices", "Invoices are emailed on the first day of each month.", "billing", List.of());
        String holidays = createArticle(tenant, "Holidays", "The office is closed on public holidays and at new year.", "general", List.of());
        String query = "when are invoices sent";

        JsonNode plain = as(tenant).post("/api/v1/knowledge-base/search", Map.of("query", query)).json().get("results");
        JsonNode sameVector = searchWithVector(tenant, query, Embedder.IN_PROCESS_MODEL, embedder.embed(query)).json().get("results");
        // Scores differ a little: the service embeds queries with the quantized variant, the caller in full precision.
        assertThat(documentIds(sameVector)).isEqualTo(documentIds(plain));
        assertThat(plain.get(0).get("document_id").asString()).isEqualTo(invoices);

        // The vector decides: another text's vector from the same model is used as given...
        float[] officeVector = embedder.embed("is the office open on holidays");
        assertThat(searchWithVector(tenant, query, Embedder.IN_PROCESS_MODEL, officeVector).json().get("results").get(0).get("document_id").asString())
                .isEqualTo(holidays);
        // ...and one from another model is ignored, the query embedded here instead.
        assertThat(searchWithVector(tenant, query, "bge-small-en-v1.5", officeVector).json().get("results").get(0).get("document_id").asString())
                .isEqualTo(invoices);

        HttpApi.Response wrongLength = searchWithVector(tenant, query, Embedder.IN_PROCESS_MODEL, new float[]{0.1f, 0.2f});
        assertThat(wrongLength.status()).isEqualTo(400);
        assertThat(wrongLength.json().get("error").get("message").asString()).contains("query_vector");
    }

    private static List<String> documentIds(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.get("document_id").asString()));
        return ids;
    }

    /**
     * An upload still being stored holds its new row and will take the tenant's term-statistics lock to finish. An
     * article edited to exactly that content waits for the row; it must not hold the lock while it waits, or the two
     * deadlock (PostgreSQL then aborts one after a second).
     */
    @Test
    void editingAnArticleToTheContentOfAnUploadStillBeingStoredWaitsForItAndConflictsWithoutDeadlock() throws Exception {
        String tenant = TestTokens.newTenant();
        String article = createArticle(tenant, "Returns", "Send it back within 30 days.", "general", List.of());
        String newBody = "Send it back within 60 days.";
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(IngestionService.articleText("Returns", newBody)
                        .getBytes(StandardCharsets.UTF_8)));
        var executor = Executors.newSingleThreadExecutor();
        try (Connection upload = jdbc.getDataSource().getConnection()) {
            upload.setAutoCommit(false);
            try (var insert = upload.prepareStatement("insert into documents (id, tenant_id, source_type, filename, source, content_type, "
                    + "size_bytes, sha256, status, collection) values (?, ?, 'upload', 'returns.txt', 'returns.txt', 'text/plain', 1, ?, "
                    + "'processing', 'default')")) {
                insert.setString(1, "doc_uploading_" + tenant);
                insert.setString(2, tenant);
                insert.setString(3, sha256);
                insert.executeUpdate();
            }
            var edit = executor.submit(() -> as(tenant).put("/api/v1/knowledge-base/" + article, Map.of("content", newBody)));
            // Until the edit waits on the upload's row (the embedding comes first, outside the transaction).
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like 'update documents set title%')",
                    Boolean.class)));
            try (var lock = upload.prepareStatement("select pg_advisory_xact_lock(hashtextextended('knowledge.term_stats/' || ?, 0))")) {
                lock.setString(1, tenant);
                lock.execute(); // under the old order: "deadlock detected" here, or a 500 for the edit
            }
            upload.commit();
            HttpApi.Response edited = edit.get(30, TimeUnit.SECONDS);
            assertThat(edited.status()).as(edited.toString()).isEqualTo(409);
        } finally {
            executor.shutdownNow();
        }
        assertThat(as(tenant).get("/api/v1/knowledge-base/" + article).json().toString()).contains("within 30 days");
    }

    private HttpApi.Response searchWithVector(String tenant, String query, String model, float[] values) {
        return as(tenant).post("/api/v1/knowledge-base/search", Map.of("query", query, "query_vector", Map.of("model", model, "values", values)));
    }

    private JsonNode search(String tenant, String query, Map<String, Object> filters) {
        HttpApi.Response response = as(tenant).post("/api/v1/knowledge-base/search", Map.of("query", query, "top_k", 5, "filters", filters));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("results");
    }
}
