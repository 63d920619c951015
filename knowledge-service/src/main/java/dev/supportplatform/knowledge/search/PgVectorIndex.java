package dev.supportplatform.knowledge.search;

import com.pgvector.PGhalfvec;
import com.pgvector.PGvector;
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

/**
 * Embeddings in the chunks table's {@code embedding vector(384)} column, searched through its HNSW cosine index. Vectors
 * are bound as pgvector's own types ({@link PGvector}, {@link PGhalfvec}): bound as text and cast in the SQL, a vector
 * is parsed again for every row a distance is computed for once PostgreSQL runs a prepared statement's generic plan
 * (measured: the nearest-chunks query 3.8 instead of 0.6 ms).
 */
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
    public void setTitle(String tenantId, String documentId, float[] titleVector) {
        jdbc.update("update documents set title_embedding = ?::vector where tenant_id = ? and id = ?",
                titleVector == null ? null : new PGvector(titleVector), tenantId, documentId);
    }

    @Override
    public void remove(String tenantId, String documentId, List<UUID> chunkIds) {
        // Deleted with the chunk rows (and the title with the document row, or replaced by the next add).
    }

    @Override
    public Map<UUID, Similarity> similarities(String tenantId, float[] query, List<UUID> chunkIds) {
        Map<UUID, Similarity> result = new HashMap<>();
        PGvector vector = new PGvector(query);
        jdbc.query("select c.id, " + SIMILARITIES + " from chunks c join documents d on d.id = c.document_id "
                        + "where c.tenant_id = ? and c.id = any(?)",
                rs -> {
                    result.put(rs.getObject("id", UUID.class), similarity(rs));
                }, vector, vector, tenantId, chunkIds.toArray(UUID[]::new));
        return result;
    }

    /** The chunk's and its document title's cosine similarity to a query vector (two arguments: the vector twice). */
    static final String SIMILARITIES = "1 - (c.embedding <=> ?::vector) as similarity, 1 - (d.title_embedding <=> ?::vector) as title_similarity";

    static Similarity similarity(java.sql.ResultSet rs) throws java.sql.SQLException {
        double title = rs.getDouble("title_similarity");
        boolean untitled = rs.wasNull(); // asks about the column read last: before reading another
        return new Similarity(rs.getDouble("similarity"), untitled ? null : title);
    }

    /**
     * One round trip. The nearest chunks are found first (HNSW index order, limit) and only those get their title
     * similarity and BM25 inputs: in the select list of the same query level, PostgreSQL would compute them for every
     * row it sorts whenever it does not use the index (small tenants). {@code hnsw.ef_search} (which caps the rows HNSW returns) and {@code hnsw.iterative_scan}
     * (which keeps tenant and filter conditions from starving results) are set per connection (see
     * application.yml); only a larger request raises ef_search for its own transaction.
     */
    @Override
    public List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit, QueryTerms rankTerms) {
        boolean rank = rankTerms != null && !rankTerms.isEmpty();
        Statement nearest = nearestStatement(tenantId, query, filter, limit, rank ? rankTerms : null);
        RowMapper<Hit> mapper = (rs, i) -> {
            Similarity s = similarity(rs);
            return new Hit(rs.getObject("id", UUID.class), s.chunk(), s.title(), rankTerms == null ? null : rank ? rankTerms.bm25(rs) : 0.0);
        };
        boolean filtered = filter.narrows();
        List<Hit> hits = limit <= CONNECTION_EF_SEARCH && !filtered ? jdbc.query(nearest.sql(), mapper, nearest.args().toArray()) : tx.execute(status -> {
            if (limit > CONNECTION_EF_SEARCH) {
                jdbc.execute("set local hnsw.ef_search = " + limit);
            }
            if (filtered) {
                // A filter's selectivity decides between walking the index and sorting the matching chunks exactly; the
                // generic plan of a prepared statement cannot see it and sorted a whole category's chunks (10,000 at
                // 100,000 chunks: 0.5 s) where the index walk takes milliseconds (bench/RESULTS.md).
                jdbc.execute("set local plan_cache_mode = force_custom_plan");
            }
            return jdbc.query(nearest.sql(), mapper, nearest.args().toArray());
        });
        List<Hit> sorted = new ArrayList<>(hits == null ? List.of() : hits);
        // relaxed_order and the index's half precision may return near-ties slightly out of order.
        sorted.sort(Comparator.comparingDouble(Hit::similarity).reversed());
        return sorted;
    }

    /** A statement with its arguments in order. */
    record Statement(String sql, List<Object> args) {
    }

    /**
     * The nearest-chunks query: candidates in the order of the HNSW index, which holds half-precision copies of the
     * embeddings (V5 migration), so the ORDER BY must be the index's own expression to be answered from it; their
     * similarities are computed from the full-precision column.
     *
     * @param rankTerms also select the BM25 inputs for these terms, or null
     */
    static Statement nearestStatement(String tenantId, float[] query, DocumentFilter filter, int limit, QueryTerms rankTerms) {
        List<Object> args = new ArrayList<>();
        PGvector vector = new PGvector(query);
        args.add(vector);
        if (rankTerms != null) {
            rankTerms.addSqlArguments(args);
        }
        args.add(vector);
        String where = ChunkFilterSql.where(tenantId, filter, args);
        args.add(new PGhalfvec(query));
        // The limit is written into the statement: with a bound parameter, the generic plan PostgreSQL switches to
        // after five executions of a prepared statement cannot tell 50 rows from all, and sorts the whole tenant by
        // exact distance instead of walking the HNSW index (measured: 0.3-0.6 s instead of milliseconds).
        String sql = "select n.id, 1 - n.distance as similarity, 1 - (n.title_embedding <=> ?::vector) as title_similarity"
                + (rankTerms != null ? ", " + QueryTerms.sqlMatchColumns("n.tsv") : "")
                + " from (select c.id, c.tsv, d.title_embedding, c.embedding <=> ?::vector as distance"
                + " from chunks c join documents d on d.id = c.document_id" + where
                + " order by c.embedding::halfvec(384) <=> ?::halfvec limit " + Math.max(1, limit) + ") n";
        return new Statement(sql, args);
    }

    /** The ef_search every connection starts with (application.yml's connection-init-sql). */
    static final int CONNECTION_EF_SEARCH = 100;
}
