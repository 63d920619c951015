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

/**
 * Hybrid retrieval: PostgreSQL full-text ranking and vector similarity, each proposing candidates, every candidate
 * then scored on both sides and fused (see {@link Fusion}).
 */
@Service
public class SearchService {

    /** Any of the query's words (stemmed, stop words dropped) rather than all of them: paraphrases rarely share every word. */
    static final String ANY_WORD_QUERY = "to_tsquery('simple', replace(plainto_tsquery('english', ?)::text, '&', '|'))";
    /** Every word of the query: what the full-text side proposes on its own (selective, so the GIN index answers fast). */
    static final String ALL_WORDS_QUERY = "plainto_tsquery('english', ?)";
    private static final int RRF_K = 60;

    private final JdbcTemplate jdbc;
    private final VectorIndex vectors;
    private final Embedder embedder;
    private final SearchProperties properties;

    public SearchService(JdbcTemplate jdbc, VectorIndex vectors, Embedder embedder, SearchProperties properties) {
        this.jdbc = jdbc;
        this.vectors = vectors;
        this.embedder = embedder;
        this.properties = properties;
    }

    public record Query(String text, int topK, DocumentFilter filter) {
    }

    public record Result(List<Passage> results, long tookMs) {
    }

    public Result search(String tenantId, Query query) {
        return search(tenantId, query, properties.mode(), properties.vectorWeight());
    }

    public Result search(String tenantId, Query query, Fusion.Mode mode, double vectorWeight) {
        long started = System.nanoTime();
        List<Fusion.Scored> ranked = rank(tenantId, query, mode, vectorWeight);
        List<Fusion.Scored> top = ranked.subList(0, Math.min(query.topK(), ranked.size()));
        List<Passage> passages = passages(tenantId, query.text(), top);
        return new Result(passages, (System.nanoTime() - started) / 1_000_000);
    }

    /** Chunk ids in fused order, without loading their text: what the benchmark measures. */
    public List<Fusion.Scored> rank(String tenantId, Query query, Fusion.Mode mode, double vectorWeight) {
        return rank(tenantId, query, mode == Fusion.Mode.TEXT ? null : embedder.embed(query.text()), mode, vectorWeight);
    }

    /** @param queryVector the query's embedding (null only for {@link Fusion.Mode#TEXT}) */
    public List<Fusion.Scored> rank(String tenantId, Query query, float[] queryVector, Fusion.Mode mode, double vectorWeight) {
        Candidates c = candidates(tenantId, query, queryVector, mode != Fusion.Mode.TEXT, mode != Fusion.Mode.VECTOR, mode == Fusion.Mode.WEIGHTED);
        return Fusion.fuse(mode, c.vectorOrder(), c.textOrder(), c.byId(), vectorWeight, RRF_K);
    }

    /** What each side proposes, in its own order, and both scores of every proposed chunk. */
    public record Candidates(List<UUID> vectorOrder, List<UUID> textOrder, Map<UUID, Fusion.Candidate> byId) {

        public List<Fusion.Scored> fuse(Fusion.Mode mode, double vectorWeight) {
            return Fusion.fuse(mode, vectorOrder, textOrder, byId, vectorWeight, RRF_K);
        }
    }

    /**
     * @param complete also score every candidate on the side that did not propose it (the weighted fusion needs both
     *                 scores; ranks alone do not)
     */
    public Candidates candidates(String tenantId, Query query, float[] queryVector, boolean vectorSide, boolean textSide, boolean complete) {
        int n = Math.max(properties.candidates(), query.topK());
        List<VectorIndex.Hit> vectorHits = vectorSide ? vectors.nearest(tenantId, queryVector, query.filter(), n, complete ? query.text() : null)
                : List.of();
        Map<UUID, Double> similarity = new HashMap<>();
        Map<UUID, Double> textRank = new HashMap<>();
        List<Map.Entry<UUID, Double>> textHits = textSide
                ? textSearch(tenantId, query.text(), query.filter(), n, complete && vectors.inDatabase() ? queryVector : null, similarity)
                : List.of();
        vectorHits.forEach(h -> {
            similarity.put(h.chunkId(), h.similarity());
            if (h.textRank() != null) {
                textRank.put(h.chunkId(), h.textRank());
            }
        });
        textHits.forEach(e -> textRank.put(e.getKey(), e.getValue()));
        if (complete) {
            List<UUID> missingRank = vectorHits.stream().map(VectorIndex.Hit::chunkId).filter(id -> !textRank.containsKey(id)).toList();
            textRank.putAll(textRanks(tenantId, query.text(), missingRank));
            List<UUID> missingSimilarity = textHits.stream().map(Map.Entry::getKey).filter(id -> !similarity.containsKey(id)).toList();
            if (!missingSimilarity.isEmpty()) {
                similarity.putAll(vectors.similarities(tenantId, queryVector, missingSimilarity));
            }
        }
        Map<UUID, Fusion.Candidate> byId = new HashMap<>();
        for (UUID id : union(vectorHits, textHits)) {
            byId.put(id, new Fusion.Candidate(id, similarity.getOrDefault(id, 0.0), textRank.getOrDefault(id, 0.0)));
        }
        return new Candidates(vectorHits.stream().map(VectorIndex.Hit::chunkId).toList(), textHits.stream().map(Map.Entry::getKey).toList(), byId);
    }

    private static List<UUID> union(List<VectorIndex.Hit> vectorHits, List<Map.Entry<UUID, Double>> textHits) {
        List<UUID> ids = new ArrayList<>();
        vectorHits.forEach(h -> ids.add(h.chunkId()));
        textHits.forEach(e -> ids.add(e.getKey()));
        return ids.stream().distinct().toList();
    }

    /**
     * The full-text side's own candidates: chunks containing every word of the query, at most {@code text-scan-limit}
     * of them ranked. Any-word matching would find more, but on a large corpus common words match a large share of all
     * chunks and ranking them all costs far more than the rest of the search (measured: bench/RESULTS.md). The rank is
     * the any-word rank, the same the vector candidates get, so that both are comparable in the fusion.
     */
    /**
     * @param similarityOf when not null (pgvector), each match's cosine similarity to it is put into {@code similarities}
     *                     by the same query
     */
    private List<Map.Entry<UUID, Double>> textSearch(String tenantId, String text, DocumentFilter filter, int limit, float[] similarityOf,
                                                     Map<UUID, Double> similarities) {
        List<Object> args = new ArrayList<>();
        if (similarityOf != null) {
            args.add(VectorIndex.literal(similarityOf)); // the select list comes first in the statement
        }
        args.add(text);
        String where = ChunkFilterSql.where(tenantId, filter, args);
        args.add(properties.textScanLimit());
        args.add(text);
        args.add(limit);
        String similarity = similarityOf != null ? ", 1 - (m.embedding <=> ?::vector) as similarity" : "";
        return jdbc.query("select m.id, ts_rank(m.tsv, q) as rank" + similarity + " from (select c.id, c.tsv"
                        + (similarityOf != null ? ", c.embedding" : "") + " from chunks c join documents d on d.id = c.document_id, "
                        + ALL_WORDS_QUERY + " q0" + where + " and c.tsv @@ q0 limit ?) m, " + ANY_WORD_QUERY + " q order by rank desc, m.id limit ?",
                (rs, i) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    if (similarityOf != null) {
                        similarities.put(id, rs.getDouble("similarity"));
                    }
                    return Map.entry(id, rs.getDouble("rank"));
                }, args.toArray());
    }

    private Map<UUID, Double> textRanks(String tenantId, String text, List<UUID> ids) {
        Map<UUID, Double> ranks = new HashMap<>();
        if (ids.isEmpty()) {
            return ranks;
        }
        jdbc.query("select c.id, ts_rank(c.tsv, q) as rank from chunks c, " + ANY_WORD_QUERY + " q where c.tenant_id = ? and c.id = any(?)",
                rs -> {
                    ranks.put(rs.getObject("id", UUID.class), rs.getDouble("rank"));
                }, text, tenantId, ids.toArray(UUID[]::new));
        return ranks;
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
