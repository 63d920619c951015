package dev.supportplatform.knowledge.search;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-tenant term statistics for BM25: how many chunks contain each lexeme ({@code term_stats}) and the corpus size
 * ({@code corpus_stats}). Kept current by {@link #add} and {@link #remove} inside the transaction that changes the
 * chunks; a per-tenant advisory lock orders concurrent writers, so counts never drift and upserts never deadlock.
 */
@Repository
public class TermStatistics {

    /** BM25's usual parameters (term-frequency saturation and length normalisation). */
    static final double K1 = 1.2;
    static final double B = 0.75;

    private final JdbcTemplate jdbc;

    public TermStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts freshly inserted documents' chunks in; call inside the transaction that inserted them. */
    void add(String tenantId, List<String> documentIds) {
        String[] ids = documentIds.toArray(String[]::new);
        lock(tenantId);
        jdbc.update("insert into term_stats (tenant_id, lexeme, chunks) "
                + "select c.tenant_id, t.lexeme, count(*) from chunks c, unnest(tsvector_to_array(c.tsv)) as t(lexeme) "
                + "where c.tenant_id = ? and c.document_id = any(?) group by 1, 2 "
                + "on conflict (tenant_id, lexeme) do update set chunks = term_stats.chunks + excluded.chunks", tenantId, ids);
        jdbc.update("insert into corpus_stats (tenant_id, chunks, lexemes) "
                + "select ?, count(*), coalesce(sum(length(tsv)), 0) from chunks where tenant_id = ? and document_id = any(?) "
                + "on conflict (tenant_id) do update set chunks = corpus_stats.chunks + excluded.chunks, "
                + "lexemes = corpus_stats.lexemes + excluded.lexemes", tenantId, tenantId, ids);
    }

    /** Counts a document's chunks out; call inside the transaction, before the chunks are deleted. */
    void remove(String tenantId, String documentId) {
        lock(tenantId);
        List<String> gone = jdbc.queryForList("update term_stats s set chunks = s.chunks - d.n "
                + "from (select t.lexeme, count(*) as n from chunks c, unnest(tsvector_to_array(c.tsv)) as t(lexeme) "
                + "where c.tenant_id = ? and c.document_id = ? group by t.lexeme) d "
                + "where s.tenant_id = ? and s.lexeme = d.lexeme returning s.lexeme, s.chunks",
                tenantId, documentId, tenantId).stream()
                .filter(row -> ((Number) row.get("chunks")).intValue() <= 0).map(row -> (String) row.get("lexeme")).toList();
        if (!gone.isEmpty()) {
            jdbc.update("delete from term_stats where tenant_id = ? and lexeme = any(?) and chunks <= 0", tenantId, gone.toArray(String[]::new));
        }
        jdbc.update("update corpus_stats s set chunks = s.chunks - d.n, lexemes = s.lexemes - d.l "
                + "from (select count(*) as n, coalesce(sum(length(tsv)), 0) as l from chunks where tenant_id = ? and document_id = ?) d "
                + "where s.tenant_id = ?", tenantId, documentId, tenantId);
    }

    private void lock(String tenantId) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended('knowledge.term_stats/' || ?, 0))", Object.class, tenantId);
    }

    /**
     * The query's lexemes (the 'english' configuration, as chunks are indexed) that occur in the tenant's corpus, with
     * their IDF; empty when none does.
     */
    public QueryTerms forQuery(String tenantId, String text) {
        List<QueryTerms.Term> terms = new ArrayList<>();
        double[] corpus = new double[2];
        jdbc.query("select q.lexeme, coalesce(s.chunks, 0) as df, c.chunks as n, c.lexemes as total "
                        + "from unnest(tsvector_to_array(to_tsvector('english', ?))) as q(lexeme) "
                        + "join corpus_stats c on c.tenant_id = ? "
                        + "left join term_stats s on s.tenant_id = c.tenant_id and s.lexeme = q.lexeme",
                rs -> {
                    corpus[0] = rs.getLong("n");
                    corpus[1] = rs.getLong("total");
                    long df = rs.getLong("df");
                    if (df > 0) {
                        terms.add(new QueryTerms.Term(rs.getString("lexeme"), df, 0));
                    }
                }, text, tenantId);
        double n = corpus[0];
        if (terms.isEmpty() || n <= 0) {
            return QueryTerms.NONE;
        }
        List<QueryTerms.Term> weighted = terms.stream()
                .map(t -> new QueryTerms.Term(t.lexeme(), t.chunks(), Math.log(1 + (n - t.chunks() + 0.5) / (t.chunks() + 0.5))))
                .sorted(Comparator.comparingLong(QueryTerms.Term::chunks).thenComparing(QueryTerms.Term::lexeme))
                .toList();
        return new QueryTerms(weighted, (long) n, corpus[1] / n);
    }
}
