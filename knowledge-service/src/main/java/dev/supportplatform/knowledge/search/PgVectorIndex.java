package dev.supportplatform.knowledge.search;

import dev.supportplatform.knowledge.document.DocumentFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Embeddings in the chunks table's {@code embedding vector(384)} column, searched through its HNSW cosine index. */
public class PgVectorIndex implements VectorIndex {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public PgVectorIndex(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public boolean inDatabase() {
        return true;
    }

    @Override
    public void add(String tenantId, String documentId, List<UUID> chunkIds, List<float[]> vectors) {
        // Written by the chunk insert itself.
    }

    @Override
    public void remove(String tenantId, List<UUID> chunkIds) {
        // Deleted with the chunk rows.
    }

    @Override
    public Map<UUID, Double> similarities(String tenantId, float[] query, List<UUID> chunkIds) {
        Map<UUID, Double> result = new HashMap<>();
        jdbc.query("select id, 1 - (embedding <=> ?::vector) as similarity from chunks where tenant_id = ? and id = any(?)",
                rs -> {
                    result.put(rs.getObject("id", UUID.class), rs.getDouble("similarity"));
                }, VectorIndex.literal(query), tenantId, chunkIds.toArray(UUID[]::new));
        return result;
    }

    /**
     * One round trip: {@code hnsw.ef_search} (which caps the rows HNSW returns) and {@code hnsw.iterative_scan}
     * (which keeps tenant and filter conditions from starving results) are set per connection (see
     * application.yml); only a larger request raises ef_search for its own transaction.
     */
    @Override
    public List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit, String rankText) {
        List<Object> args = new ArrayList<>();
        String literal = VectorIndex.literal(query);
        args.add(literal);
        if (rankText != null) {
            args.add(rankText);
        }
        String where = ChunkFilterSql.where(tenantId, filter, args);
        args.add(literal);
        args.add(limit);
        String sql = "select c.id, 1 - (c.embedding <=> ?::vector) as similarity"
                + (rankText != null ? ", ts_rank(c.tsv, " + SearchService.ANY_WORD_QUERY + ") as text_rank" : "")
                + " from chunks c join documents d on d.id = c.document_id" + where + " order by c.embedding <=> ?::vector limit ?";
        RowMapper<Hit> mapper = (rs, i) -> new Hit(rs.getObject("id", UUID.class), rs.getDouble("similarity"),
                rankText != null ? rs.getDouble("text_rank") : null);
        List<Hit> hits = limit <= CONNECTION_EF_SEARCH ? jdbc.query(sql, mapper, args.toArray()) : tx.execute(status -> {
            jdbc.execute("set local hnsw.ef_search = " + limit);
            return jdbc.query(sql, mapper, args.toArray());
        });
        List<Hit> sorted = new ArrayList<>(hits == null ? List.of() : hits);
        // relaxed_order may return near-ties slightly out of order.
        sorted.sort(Comparator.comparingDouble(Hit::similarity).reversed());
        return sorted;
    }

    /** The ef_search every connection starts with (application.yml's connection-init-sql). */
    static final int CONNECTION_EF_SEARCH = 100;
}
