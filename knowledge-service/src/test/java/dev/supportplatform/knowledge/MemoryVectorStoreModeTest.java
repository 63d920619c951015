package dev.supportplatform.knowledge;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.search.MemoryVectorIndex;
import dev.supportplatform.knowledge.search.VectorIndex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's mode: vectors in the in-process store persisted under the data directory, on a schema without
 * pgvector's column (its own schema here, so that the pgvector tests' migration does not apply).
 */
@ServiceIntegrationTest
class MemoryVectorStoreModeTest {

    static Path dataDir;

    @DynamicPropertySource
    static void memoryMode(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("knowledge-memory");
        registry.add("knowledge.vector-store", () -> "memory");
        registry.add("knowledge.data-dir", () -> dataDir.toString());
        registry.add("platform.db.schema", () -> "knowledge_memtest");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Embedder embedder;

    @Test
    void searchesFusesAndPersistsVectorsWithoutPgvector() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns where table_schema = 'knowledge_memtest' "
                + "and table_name = 'chunks' and column_name = 'embedding'", Integer.class)).isZero();

        String id = api.post("/api/v1/knowledge-base", Map.of("title", "Opening hours", "content", "The shop opens at nine and closes at six.",
                "category", "store")).json().get("article_id").asString();
        api.post("/api/v1/knowledge-base", Map.of("title", "Returns", "content", "Items can be returned within thirty days.", "category", "orders"));

        JsonNode results = api.post("/api/v1/knowledge-base/search", Map.of("query", "what time does the store close", "top_k", 2)).json().get("results");
        assertThat(results.get(0).get("document_id").asString()).isEqualTo(id);
        assertThat(results.get(0).get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(api.post("/api/v1/knowledge-base/search", Map.of("query", "what time does the store close",
                "filters", Map.of("category", "orders"))).json().get("results").get(0).get("title").asString()).isEqualTo("Returns");
        assertThat(HttpApi.at(port).asTenant(TestTokens.newTenant()).post("/api/v1/knowledge-base/search",
                Map.of("query", "what time does the store close")).json().get("results")).isEmpty();

        // A fresh store reading the same directory (as after a restart) finds the vectors.
        MemoryVectorIndex reloaded = new MemoryVectorIndex(dataDir, jdbc);
        UUID chunk = UUID.fromString(results.get(0).get("chunk_id").asString());
        assertThat(reloaded.nearest(tenant, embedder.embed("store closing time"), DocumentFilter.NONE, 1).getFirst().chunkId()).isEqualTo(chunk);

        api.delete("/api/v1/knowledge-base/" + id);
        MemoryVectorIndex afterDelete = new MemoryVectorIndex(dataDir, jdbc);
        assertThat(afterDelete.similarities(tenant, embedder.embed("store closing time"), List.of(chunk))).isEmpty();
    }

    @Test
    void aFilterThatRemovesTheBestCandidatesStillFindsTheDocumentsItAllows() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        for (int i = 0; i < 12; i++) {
            api.post("/api/v1/knowledge-base", Map.of("title", "Store hours " + i,
                    "content", "Branch " + i + " opens at nine and closes at six on weekdays.", "category", "hours"));
        }
        api.post("/api/v1/knowledge-base", Map.of("title", "Returns", "content", "Items can be returned within thirty days.",
                "category", "orders"));
        UUID returnsChunk = UUID.fromString(api.post("/api/v1/knowledge-base/search", Map.of("query", "returning items",
                "filters", Map.of("category", "orders"))).json().get("results").get(0).get("chunk_id").asString());

        MemoryVectorIndex index = new MemoryVectorIndex(dataDir, jdbc);
        float[] query = embedder.embed("when does the store close");
        // one result wanted: the four best candidates are all "hours" articles, so the index scans against the filter
        assertThat(index.nearest(tenant, query, new DocumentFilter(null, "orders", List.of(), null), 1))
                .extracting(VectorIndex.Hit::chunkId).containsExactly(returnsChunk);
        List<VectorIndex.Hit> unfiltered = index.nearest(tenant, query, DocumentFilter.NONE, 3);
        assertThat(unfiltered).hasSize(3).extracting(VectorIndex.Hit::chunkId).doesNotContain(returnsChunk);
        assertThat(unfiltered.get(0).similarity()).isGreaterThanOrEqualTo(unfiltered.get(2).similarity());
    }
}
