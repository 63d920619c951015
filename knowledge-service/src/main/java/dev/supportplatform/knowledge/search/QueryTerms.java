package dev.supportplatform.knowledge.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's lexemes that occur in the tenant's corpus, rarest first, each with its BM25 inverse document frequency,
 * and the corpus's average chunk length: everything the {@code bm25()} SQL function needs besides the chunk.
 *
 * The terms are ordered rarest (highest IDF) first; a chunk's length is its number of distinct lexemes.
 */
public final class QueryTerms {

    public static final QueryTerms NONE = new QueryTerms(List.of(), 0, 1);

    private final List<Term> terms;
    private final long corpusChunks;
    private final double avgLength;
    private final Map<String, Double> idfByLexeme = new HashMap<>();

    /**
     * @param corpusChunks the tenant's number of chunks
     * @param avgLength    their average number of distinct lexemes
     */
    public QueryTerms(List<Term> terms, long corpusChunks, double avgLength) {
        this.terms = List.copyOf(terms);
        this.corpusChunks = corpusChunks;
        this.avgLength = avgLength;
        terms.forEach(t -> idfByLexeme.put(t.lexeme(), t.idf()));
    }

    public List<Term> terms() {
        return terms;
    }

    public long corpusChunks() {
        return corpusChunks;
    }

    /** @param chunks how many of the tenant's chunks contain the lexeme */
    public record Term(String lexeme, long chunks, double idf) {
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public String[] lexemes() {
        return terms.stream().map(Term::lexeme).toArray(String[]::new);
    }

    /**
     * The select-list columns from which {@link #bm25} scores a chunk: its length and its entries for the query terms
     * (setweight marks them, ts_filter keeps only them: C functions, far cheaper per row than unnesting the tsvector).
     * One argument, from {@link #addSqlArguments}.
     */
    static String sqlMatchColumns(String tsvColumn) {
        return "length(" + tsvColumn + ") as lexemes, ts_filter(setweight(" + tsvColumn + ", 'A', ?::text[]), '{a}')::text as matched";
    }

    void addSqlArguments(List<Object> args) {
        args.add(lexemes());
    }

    /** BM25 of a chunk from the columns of {@link #sqlMatchColumns}. */
    double bm25(ResultSet rs) throws SQLException {
        return bm25(rs.getInt("lexemes"), rs.getString("matched"));
    }

    /**
     * Okapi BM25 of a chunk.
     *
     * @param length  the chunk's number of distinct lexemes
     * @param matched the text form of its tsvector reduced to the query terms, e.g. {@code 'googl':8A,93A 'mail':3A}
     */
    double bm25(int length, String matched) {
        double score = 0;
        int i = 0;
        while (matched != null && i < matched.length()) {
            if (matched.charAt(i) != '\'') {
                i++;
                continue;
            }
            StringBuilder lexeme = new StringBuilder();
            i++;
            while (i < matched.length()) {
                char c = matched.charAt(i);
                if ((c == '\'' || c == '\\') && i + 1 < matched.length() && matched.charAt(i + 1) == c) {
                    lexeme.append(c); // tsvector output doubles quotes and backslashes
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else {
                    lexeme.append(c);
                    i++;
                }
            }
            int tf = 1;
            if (i < matched.length() && matched.charAt(i) == ':') {
                while (i < matched.length() && matched.charAt(i) != ' ') {
                    tf += matched.charAt(i) == ',' ? 1 : 0;
                    i++;
                }
            }
            Double idf = idfByLexeme.get(lexeme.toString());
            if (idf != null) {
                score += idf * tf * (TermStatistics.K1 + 1)
                        / (tf + TermStatistics.K1 * (1 - TermStatistics.B + TermStatistics.B * length / avgLength));
            }
        }
        return score;
    }

    /**
     * The highest BM25 a chunk could reach for this query (every term, saturated): dividing by it puts the full-text
     * score in 0..1 on a scale that means the same for every query, unlike dividing by the best candidate's score.
     */
    public double maxScore() {
        return terms.stream().mapToDouble(Term::idf).sum() * (TermStatistics.K1 + 1);
    }

    /**
     * The tsquery that proposes the full-text side's candidates. Normally any of the rarest terms: terms are added
     * rarest first while their chunks add up to at most {@code postings}. When even the rarest term is in more chunks
     * than that, chunks containing all of the rarest few terms instead (terms are added until, were they independent,
     * at most {@code postings} chunks would contain them all): so that PostgreSQL answers from the GIN index rather
     * than reading and testing a large share of the corpus. Common terms still count in every candidate's BM25.
     *
     * @param corpusChunks how many chunks the tenant has
     */
    public String candidateQuery(long postings, long corpusChunks) {
        List<String> chosen = new ArrayList<>();
        if (terms.getFirst().chunks() <= postings) {
            long total = 0;
            for (Term t : terms) {
                if (total + t.chunks() > postings) {
                    break;
                }
                chosen.add(quote(t.lexeme()));
                total += t.chunks();
            }
            return String.join(" | ", chosen);
        }
        double expected = corpusChunks;
        for (Term t : terms) {
            chosen.add(quote(t.lexeme()));
            expected *= (double) t.chunks() / Math.max(1, corpusChunks);
            if (expected <= postings) {
                break;
            }
        }
        return String.join(" & ", chosen);
    }

    /** A lexeme as a tsquery operand, verbatim (no further normalisation). */
    private static String quote(String lexeme) {
        return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
