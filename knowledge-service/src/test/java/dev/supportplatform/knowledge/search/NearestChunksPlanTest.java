package dev.supportplatform.knowledge.search;

import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.knowledge.document.DocumentFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HNSW index is built on an expression (the embedding in half precision): a nearest-chunks query ordered by
 * anything else is still answered, correctly, by sorting every chunk of the tenant, which at 100,000 chunks takes
 * hundreds of milliseconds. Results cannot show the difference; the plan can.
 */
@ServiceIntegrationTest
class NearestChunksPlanTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void theNearestChunksAreFoundByWalkingTheHnswIndex() {
        float[] query = new float[384];
        query[0] = 1;
        PgVectorIndex.Statement nearest = PgVectorIndex.nearestStatement("any-tenant", query, DocumentFilter.NONE, 50, null);

        String plan = tx.execute(status -> {
            // The test's tables are small enough that sorting them would be cheaper: the question is whether the
            // index can answer the query at all, so the alternatives are priced out.
            jdbc.execute("set local enable_seqscan = off");
            jdbc.execute("set local enable_sort = off");
            List<String> lines = jdbc.queryForList("explain " + nearest.sql(), String.class, nearest.args().toArray());
            return String.join("\n", lines);
        });

        assertThat(plan).contains("Index Scan using chunks_embedding_halfvec_hnsw").doesNotContain("Sort");
    }
}
