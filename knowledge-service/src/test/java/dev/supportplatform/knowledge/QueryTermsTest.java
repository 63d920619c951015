package dev.supportplatform.knowledge;

import dev.supportplatform.knowledge.search.QueryTerms;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class QueryTermsTest {

    private static QueryTerms terms(long corpus, Object... lexemeAndChunks) {
        List<QueryTerms.Term> list = new java.util.ArrayList<>();
        for (int i = 0; i < lexemeAndChunks.length; i += 2) {
            long df = ((Number) lexemeAndChunks[i + 1]).longValue();
            list.add(new QueryTerms.Term((String) lexemeAndChunks[i], df, Math.log(1 + (corpus - df + 0.5) / (df + 0.5))));
        }
        return new QueryTerms(list, corpus, 10);
    }

    @Test
    void rareTermsProposeCandidatesByAnyOfThemWithinThePostingsBudget() {
        QueryTerms q = terms(100_000, "quokka", 12, "island", 300, "travel", 9_000);
        assertThat(q.candidateQuery(500, 100_000)).isEqualTo("'quokka' | 'island'");
    }

    @Test
    void whenEvenTheRarestTermIsCommonCandidatesMustContainTheRarestFewTogether() {
        QueryTerms q = terms(100_000, "account", 5_000, "delet", 8_000, "googl", 20_000);
        // 100,000 x 0.05 = 5,000 > 500; x 0.08 = 400 <= 500
        assertThat(q.candidateQuery(500, 100_000)).isEqualTo("'account' & 'delet'");
    }

    @Test
    void lexemesAreQuotedVerbatimForTsquery() {
        assertThat(terms(10, "it's", 1, "c:\\dir", 2).candidateQuery(500, 10)).isEqualTo("'it''s' | 'c:\\\\dir'");
    }

    @Test
    void bm25CountsTermFrequencyFromTheFilteredTsvectorAndNormalisesLength() throws Exception {
        QueryTerms q = terms(1_000, "mail", 10, "it's", 100);
        Method bm25 = QueryTerms.class.getDeclaredMethod("bm25", int.class, String.class);
        bm25.setAccessible(true);
        double idfMail = Math.log(1 + (1_000 - 10 + 0.5) / 10.5);
        double idfIts = Math.log(1 + (1_000 - 100 + 0.5) / 100.5);
        // Average length 10, this chunk 10: tf / (tf + k1) * (k1 + 1) per term.
        double expected = idfMail * 2 * 2.2 / (2 + 1.2) + idfIts * 1 * 2.2 / (1 + 1.2);
        assertThat((double) bm25.invoke(q, 10, "'it''s':4A 'mail':1A,7A")).isCloseTo(expected, offset(1e-9));
        assertThat((double) bm25.invoke(q, 10, "")).isZero();
        // A longer chunk with the same matches scores lower.
        assertThat((double) bm25.invoke(q, 40, "'it''s':4A 'mail':1A,7A")).isLessThan(expected);
        assertThat(q.maxScore()).isCloseTo((idfMail + idfIts) * 2.2, offset(1e-9));
    }
}
