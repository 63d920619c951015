package dev.supportplatform.knowledge;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.search.VectorIndex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.supportplatform.knowledge.Multipart.file;
import static org.assertj.core.api.Assertions.assertThat;

/** The retrieval side's own state and ranking: BM25 term statistics, title vectors, rare terms. */
@ServiceIntegrationTest
class HybridRetrievalTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VectorIndex vectors;

    @Autowired
    TransactionTemplate tx;

    @Test
    void termStatisticsFollowEveryUploadArticleUpdateAndDelete() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        Multipart.post(port, tenant, "/upload_docs", Multipart.parts(
                file("files", "a.txt", "text/plain", "Printers need toner. Toner cartridges are in the supply room."),
                file("files", "b.txt", "text/plain", "The supply room is locked after six.")));
        String article = api.post("/api/v1/knowledge-base", Map.of("title", "Toner orders", "content", "Order toner from the portal."))
                .json().get("article_id").asString();
        assertStatisticsMatchTheChunks(tenant);

        api.put("/api/v1/knowledge-base/" + article, Map.of("content", "Order paper and staples from the portal."));
        assertStatisticsMatchTheChunks(tenant);

        api.delete("/rag/documents/a.txt");
        assertStatisticsMatchTheChunks(tenant);
        assertThat(jdbc.queryForObject("select chunks from term_stats where tenant_id = ? and lexeme = 'toner'", Integer.class, tenant))
                .as("'toner' is left only in the article's title").isEqualTo(1);

        api.delete("/api/v1/knowledge-base/" + article);
        api.delete("/rag/documents/b.txt");
        assertThat(jdbc.queryForObject("select count(*) from term_stats where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select chunks from corpus_stats where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    /** term_stats and corpus_stats equal what recounting the tenant's chunks gives. */
    private void assertStatisticsMatchTheChunks(String tenant) {
        List<Map<String, Object>> kept = jdbc.queryForList("select lexeme, chunks::bigint as n from term_stats where tenant_id = ? order by lexeme", tenant);
        List<Map<String, Object>> recounted = jdbc.queryForList("select t.lexeme, count(*) as n from chunks c, unnest(tsvector_to_array(c.tsv)) as t(lexeme) "
                + "where c.tenant_id = ? group by t.lexeme order by t.lexeme", tenant);
        assertThat(kept).isNotEmpty().isEqualTo(recounted);
        assertThat(jdbc.queryForMap("select chunks, lexemes from corpus_stats where tenant_id = ?", tenant))
                .isEqualTo(jdbc.queryForMap("select count(*) as chunks, sum(length(tsv)) as lexemes from chunks where tenant_id = ?", tenant));
    }

    /**
     * A prepared statement's generic plan cannot see how much a filter keeps, and sorted a whole category's chunks by
     * exact distance (0.5 s at 100,000 chunks) instead of walking the index (bench/RESULTS.md): filtered searches are
     * planned with their values. Read inside the transaction the search joins, where its SET LOCAL still holds.
     */
    @Test
    void filteredNearestChunkSearchesArePlannedForTheirFilterValues() {
        String tenant = TestTokens.newTenant();
        float[] query = new float[384];
        query[0] = 1;
        DocumentFilter billing = new DocumentFilter(null, "billing", List.of(), null);
        for (int i = 0; i < 6; i++) { // past the driver's prepare threshold (5), where a generic plan becomes possible
            vectors.nearest(tenant, query, billing, 5, null);
        }
        String filtered = tx.execute(status -> {
            vectors.nearest(tenant, query, billing, 5, null);
            return jdbc.queryForObject("select current_setting('plan_cache_mode')", String.class);
        });
        String unfiltered = tx.execute(status -> {
            vectors.nearest(tenant, query, DocumentFilter.NONE, 5, null);
            return jdbc.queryForObject("select current_setting('plan_cache_mode')", String.class);
        });
        assertThat(filtered).isEqualTo("force_custom_plan");
        assertThat(unfiltered).as("unfiltered searches keep the cached plan: no filter to see").isEqualTo("auto");
    }

    @Test
    void aRareExactTermDecidesBetweenOtherwiseAlikePassages() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        for (String[] code : List.of(new String[]{"E4711", "the toner is empty"}, new String[]{"E4712", "the paper tray is empty"},
                new String[]{"E4713", "the output tray is full"}, new String[]{"E4714", "the front cover is open"})) {
            api.post("/v1/ingestion/text", Map.of("text", "Printer error " + code[0] + " means that " + code[1] + ".", "metadata", Map.of("source", "manual")));
        }
        JsonNode results = api.post("/api/v1/knowledge-base/search", Map.of("query", "printer shows E4713", "top_k", 4)).json().get("results");
        assertThat(results.get(0).get("content").asString()).contains("E4713");
        assertThat(results.get(0).get("highlights").get(0).asString()).contains("<mark>E4713</mark>");
    }

    @Test
    void titledDocumentsKeepTheirTitleVectorThroughUpdatesAndUntitledOnesHaveNone() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        String article = api.post("/api/v1/knowledge-base", Map.of("title", "Opening hours", "content", "We open at nine."))
                .json().get("article_id").asString();
        var upload = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(file("files", "plain.txt", "text/plain", "No title here.")));
        String uploaded = upload.json().get("data").get("uploaded_files").get(0).get("document_id").asString();
        String before = titleVector(tenant, article);
        assertThat(before).isNotNull();
        assertThat(titleVector(tenant, uploaded)).isNull();

        api.put("/api/v1/knowledge-base/" + article, Map.of("title", "Holiday closures"));
        assertThat(titleVector(tenant, article)).isNotNull().isNotEqualTo(before);

        JsonNode results = api.post("/api/v1/knowledge-base/search", Map.of("query", "are you closed on holidays", "top_k", 1)).json().get("results");
        assertThat(results.get(0).get("document_id").asString()).isEqualTo(article);
    }

    @Test
    void uploadsAreTitledByTheirOwnHeadingAndSearchShowsAndUsesIt() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        var upload = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(
                file("files", "faq-7.txt", "text/plain", "How do I reset my password?\n\nOpen Settings, choose Security and press Reset."),
                file("files", "guide.md", "text/markdown", "# Shipping times\nParcels leave the warehouse within two days."),
                file("files", "page.html", "text/html", "<html><head><title>Refund policy</title></head><body><p>Refunds take five days.</p></body></html>"),
                file("files", "notes.txt", "text/plain", "A single paragraph without any heading at all.")));
        Map<String, String> ids = new java.util.HashMap<>();
        upload.json().get("data").get("uploaded_files").forEach(f -> ids.put(f.get("filename").asString(), f.get("document_id").asString()));
        Map<String, String> titles = new java.util.HashMap<>();
        ids.forEach((name, id) -> titles.put(name, jdbc.queryForObject("select coalesce(title, '-') from documents where id = ?", String.class, id)));
        assertThat(titles).containsEntry("faq-7.txt", "How do I reset my password?").containsEntry("guide.md", "Shipping times")
                .containsEntry("page.html", "Refund policy").containsEntry("notes.txt", "-");
        assertThat(titleVector(tenant, ids.get("faq-7.txt"))).isNotNull();
        assertThat(titleVector(tenant, ids.get("notes.txt"))).isNull();

        JsonNode results = api.post("/api/v1/knowledge-base/search", Map.of("query", "forgot my password", "top_k", 1)).json().get("results");
        assertThat(results.get(0).get("document_id").asString()).isEqualTo(ids.get("faq-7.txt"));
        assertThat(results.get(0).get("title").asString()).isEqualTo("How do I reset my password?");
    }

    private String titleVector(String tenant, String documentId) {
        return jdbc.queryForObject("select title_embedding::text from documents where tenant_id = ? and id = ?", String.class, tenant, documentId);
    }
}
