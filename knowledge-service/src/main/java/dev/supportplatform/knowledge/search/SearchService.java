package dev.supportplatform.knowledge.search;

import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.embedding.Embedder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Hybrid retrieval: PostgreSQL full-text search ranked by BM25 and vector similarity (chunk and document title), each
 * side proposing candidates, every candidate then scored on both sides and fused (see {@link Fusion}).
 */
@Service
public class SearchService {

    /** Any of the query's words (stemmed, stop words dropped): what highlights mark. */
    static final String ANY_WORD_QUERY = "to_tsquery('simple', replace(plainto_tsquery('english', ?)::text, '&', '|'))";

    /** Runs a search's vector side and its second database query alongside the full-text query (no transaction spans them). */
    private static final Executor SIDE_QUERIES = Executors.newVirtualThreadPerTaskExecutor();

    private final JdbcTemplate jdbc;
    private final VectorIndex vectors;
    private final TermStatistics termStatistics;
    private final Embedder embedder;
    private final SearchProperties properties;

    public SearchService(JdbcTemplate jdbc, VectorIndex vectors, TermStatistics termStatistics, Embedder embedder, SearchProperties properties) {
        this.jdbc = jdbc;
        this.vectors = vectors;
        this.termStatistics = termStatistics;
        this.embedder = embedder;
        this.properties = properties;
    }

    public record Query(String text, int topK, DocumentFilter filter) {
    }

    public record Result(List<Passage> results, long tookMs) {
    }

    public Result search(String tenantId, Query query) {
        return search(tenantId, query, properties.mode(), properties.weights());
    }

    /**
     * @param queryVector the query's embedding by this service's model, when the caller has computed it already (chat
     *                    embeds every message to score it), or null to embed the query here
     */
    public Result search(String tenantId, Query query, float[] queryVector) {
        if (queryVector == null) {
            return search(tenantId, query);
        }
        long started = System.nanoTime();
        return withPassages(tenantId, query, rank(tenantId, query, queryVector, properties.mode(), properties.weights()), started);
    }

    public Result search(String tenantId, Query query, Fusion.Mode mode, Fusion.Weights weights) {
        long started = System.nanoTime();
        return withPassages(tenantId, query, rank(tenantId, query, mode, weights), started);
    }

    private Result withPassages(String tenantId, Query query, List<Fusion.Scored> ranked, long started) {
        List<Fusion.Scored> top = ranked.subList(0, Math.min(query.topK(), ranked.size()));
        List<Passage> passages = passages(tenantId, query.text(), top);
        return new Result(passages, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Chunk ids in fused order, without loading their text. The query is embedded and its nearest chunks found on
     * other threads while the full-text side, which does not need the vector, runs here (see {@link #candidates}).
     */
    public List<Fusion.Scored> rank(String tenantId, Query query, Fusion.Mode mode, Fusion.Weights weights) {
        Supplier<float[]> queryVector = mode == Fusion.Mode.TEXT ? () -> null : embedder.embedQueryAsync(query.text());
        return candidates(tenantId, query, queryVector, mode != Fusion.Mode.TEXT, mode != Fusion.Mode.VECTOR, mode == Fusion.Mode.WEIGHTED)
                .fuse(mode, weights);
    }

    /** @param queryVector the query's embedding (null only for {@link Fusion.Mode#TEXT}) */
    public List<Fusion.Scored> rank(String tenantId, Query query, float[] queryVector, Fusion.Mode mode, Fusion.Weights weights) {
        Candidates c = candidates(tenantId, query, queryVector, mode != Fusion.Mode.TEXT, mode != Fusion.Mode.VECTOR, mode == Fusion.Mode.WEIGHTED);
        return c.fuse(mode, weights);
    }

    /** What each side proposes, in its own order, and both scores of every proposed chunk. */
    public record Candidates(List<UUID> vectorOrder, List<UUID> textOrder, Map<UUID, Fusion.Candidate> byId) {

        public List<Fusion.Scored> fuse(Fusion.Mode mode, Fusion.Weights weights) {
            return Fusion.fuse(mode, vectorOrder, textOrder, byId, weights);
        }
    }

    /**
     * @param complete also score every candidate on the side that did not propose it (the weighted fusion needs both
     *                 scores; ranks alone do not)
     */
    public Candidates candidates(String tenantId, Query query, float[] queryVector, boolean vectorSide, boolean textSide, boolean complete) {
        return candidates(tenantId, query, () -> queryVector, vectorSide, textSide, complete);
    }

    /**
     * The two sides overlap: the vector side (waiting for the query's embedding if it is still being computed, then
     * finding the nearest chunks) runs on another thread while the full-text side runs here, so a search waits for the
     * slower side rather than for both.
     */
    private Candidates candidates(String tenantId, Query query, Supplier<float[]> queryVector, boolean vectorSide, boolean textSide, boolean complete) {
        int n = Math.max(properties.candidates(), query.topK());
        QueryTerms terms = textSide || complete ? termStatistics.forQuery(tenantId, query.text()) : QueryTerms.NONE;
        Map<UUID, VectorIndex.Similarity> similarity = new HashMap<>();
        Map<UUID, Double> bm25 = new HashMap<>();
        CompletableFuture<List<VectorIndex.Hit>> nearest = vectorSide
                ? CompletableFuture.supplyAsync(() -> vectors.nearest(tenantId, queryVector.get(), query.filter(), n, complete ? terms : null), SIDE_QUERIES)
                : CompletableFuture.completedFuture(List.of());
        List<UUID> textHits = textSide && !terms.isEmpty() ? textSearch(tenantId, terms, query.filter(), n, bm25) : List.of();
        float[] vector = vectorSide || complete ? queryVector.get() : null;
        // The full-text candidates' similarities need only the vector: asked for while the nearest chunks are found.
        CompletableFuture<Map<UUID, VectorIndex.Similarity>> textHitSimilarities = complete && !textHits.isEmpty()
                ? CompletableFuture.supplyAsync(() -> vectors.similarities(tenantId, vector, textHits), SIDE_QUERIES)
                : CompletableFuture.completedFuture(Map.of());
        List<VectorIndex.Hit> vectorHits = joined(nearest);
        vectorHits.forEach(h -> {
            similarity.put(h.chunkId(), new VectorIndex.Similarity(h.similarity(), h.titleSimilarity()));
            if (h.textRank() != null) {
                bm25.put(h.chunkId(), h.textRank());
            }
        });
        if (complete) {
            List<UUID> missingRank = vectorHits.stream().map(VectorIndex.Hit::chunkId).filter(id -> !bm25.containsKey(id)).toList();
            bm25.putAll(bm25Of(tenantId, terms, missingRank));
            joined(textHitSimilarities).forEach(similarity::putIfAbsent);
        }
        double maxScore = terms.isEmpty() ? 1 : terms.maxScore();
        Map<UUID, Fusion.Candidate> byId = new HashMap<>();
        List<UUID> vectorOrder = vectorHits.stream().map(VectorIndex.Hit::chunkId).toList();
        for (UUID id : java.util.stream.Stream.concat(vectorOrder.stream(), textHits.stream()).distinct().toList()) {
            VectorIndex.Similarity s = similarity.getOrDefault(id, new VectorIndex.Similarity(0, null));
            byId.put(id, new Fusion.Candidate(id, s.chunk(), s.title(), bm25.getOrDefault(id, 0.0) / maxScore));
        }
        return new Candidates(vectorOrder, textHits, byId);
    }

    /** The side task's result, or its own exception (not wrapped) when it failed. */
    private static <T> T joined(CompletableFuture<T> side) {
        try {
            return side.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The full-text side's own candidates, best BM25 first: chunks containing any of the query's rarer terms
     * ({@link QueryTerms#candidateQuery}), at most {@code text-scan-limit} of them scored, so that common words cannot
     * make one search score a large share of the corpus (measured: bench/RESULTS.md).
     */
    private List<UUID> textSearch(String tenantId, QueryTerms terms, DocumentFilter filter, int limit, Map<UUID, Double> bm25) {
        List<Object> args = new ArrayList<>();
        terms.addSqlArguments(args); // the select list comes first in the statement
        String where = ChunkFilterSql.where(tenantId, filter, args);
        args.add(terms.candidateQuery(properties.textScanLimit(), terms.corpusChunks()));
        Map<UUID, Double> scores = new HashMap<>();
        // The limit is a literal for the same reason as in PgVectorIndex.nearest: a generic plan must know it.
        jdbc.query("select c.id, " + QueryTerms.sqlMatchColumns("c.tsv") + " from chunks c join documents d on d.id = c.document_id"
                        + where + " and c.tsv @@ ?::tsquery limit " + Math.max(1, properties.textScanLimit()),
                rs -> {
                    scores.put(rs.getObject("id", UUID.class), terms.bm25(rs));
                }, args.toArray());
        List<UUID> best = scores.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
        best.forEach(id -> bm25.put(id, scores.get(id)));
        return best;
    }

    private Map<UUID, Double> bm25Of(String tenantId, QueryTerms terms, List<UUID> ids) {
        Map<UUID, Double> scores = new HashMap<>();
        if (ids.isEmpty() || terms.isEmpty()) {
            return scores;
        }
        List<Object> args = new ArrayList<>();
        terms.addSqlArguments(args);
        args.add(tenantId);
        args.add(ids.toArray(UUID[]::new));
        jdbc.query("select c.id, " + QueryTerms.sqlMatchColumns("c.tsv") + " from chunks c where c.tenant_id = ? and c.id = any(?)",
                rs -> {
                    scores.put(rs.getObject("id", UUID.class), terms.bm25(rs));
                }, args.toArray());
        return scores;
    }

    private List<Passage> passages(String tenantId, String text, List<Fusion.Scored> top) {
        if (top.isEmpty()) {
            return List.of();
        }
        Map<UUID, Passage> byId = new HashMap<>();
        Map<UUID, Double> scores = new HashMap<>();
        top.forEach(s -> scores.put(s.chunkId(), s.score()));
        jdbc.query("select c.id, c.document_id, c.content, d.filename, d.title, d.source, d.collection, d.category, d.tags, d.source_type, "
                        + "c.tsv @@ q as matched, ts_headline('english', c.content, q, "
                        + "'MaxFragments=2, MaxWords=30, MinWords=10, StartSel=<mark>, StopSel=</mark>, FragmentDelimiter=\" ... \"') as headline "
                        + "from chunks c join documents d on d.id = c.document_id, " + ANY_WORD_QUERY + " q "
                        + "where c.tenant_id = ? and c.id = any(?)",
                rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("filename", rs.getString("filename"));
                    metadata.put("collection", rs.getString("collection"));
                    metadata.put("category", rs.getString("category"));
                    metadata.put("tags", strings(rs.getArray("tags")));
                    metadata.put("source_type", rs.getString("source_type"));
                    if ("article".equals(rs.getString("source_type"))) {
                        metadata.put("article_id", rs.getString("document_id"));
                    }
                    List<String> highlights = rs.getBoolean("matched")
                            ? Arrays.stream(rs.getString("headline").split(" \\.\\.\\. ")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                            : List.of();
                    String title = rs.getString("title") != null ? rs.getString("title") : rs.getString("filename");
                    byId.put(id, new Passage(id.toString(), rs.getString("document_id"), rs.getString("source"), title,
                            rs.getString("content"), Math.round(scores.get(id) * 10000.0) / 10000.0, highlights, metadata));
                }, text, tenantId, top.stream().map(Fusion.Scored::chunkId).toArray(UUID[]::new));
        return top.stream().map(s -> byId.get(s.chunkId())).filter(java.util.Objects::nonNull).toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
