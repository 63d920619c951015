package dev.supportplatform.chat.intent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class WordTfidfTest {

    @Test
    void termsAreLowerCasedWordsThenPairsOfAdjacentWords() {
        assertThat(WordTfidf.terms("Where's my NEW card?")).containsExactly(
                "where", "s", "my", "new", "card", "where s", "s my", "my new", "new card");
        assertThat(WordTfidf.terms("Überweisung täglich")).containsExactly("überweisung", "täglich", "überweisung täglich");
        assertThat(WordTfidf.terms("  ?! ")).isEmpty();
    }

    @Test
    void weighsTermsBySublinearCountTimesSmoothedInverseDocumentFrequencyAtUnitLength() {
        WordTfidf words = WordTfidf.fit(List.of("card lost", "card arrived", "refund"), 100);
        // "card" is in 2 of 3 texts: idf = ln(4/3) + 1; "lost" and "card lost" in 1: ln(4/2) + 1
        WordTfidf.Sparse v = words.vector("lost card lost");
        double card = Math.log(4.0 / 3) + 1;
        double lost = (1 + Math.log(2)) * (Math.log(2) + 1); // twice: 1 + ln 2
        double cardLost = Math.log(2) + 1;                  // the pair "card lost" once ("lost card" is unknown)
        double norm = Math.sqrt(card * card + lost * lost + cardLost * cardLost);
        assertThat(v.index()).hasSize(3).isSorted();
        double sum = 0;
        for (float x : v.value()) {
            sum += x * x;
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-6));
        assertThat(sortedDescending(v.value())).containsExactly(new float[]{(float) (lost / norm), (float) (cardLost / norm), (float) (card / norm)},
                org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void aTextWithoutKnownTermsHasAnEmptyVector() {
        WordTfidf words = WordTfidf.fit(List.of("card lost", "refund"), 100);
        assertThat(words.vector("hello there").index()).isEmpty();
    }

    @Test
    void keepsTheTermsFoundInTheMostTextsWhenTheVocabularyIsLimited() {
        WordTfidf words = WordTfidf.fit(List.of("card lost", "card stolen", "card declined", "refund"), 1);
        assertThat(words.size()).isEqualTo(1);
        assertThat(words.vector("my card").index()).hasSize(1);
        assertThat(words.vector("refund").index()).isEmpty();
    }

    @Test
    void survivesTheTripThroughBytes() throws Exception {
        WordTfidf words = WordTfidf.fit(List.of("card lost", "card arrived", "refund please"), 100);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        words.writeTo(new DataOutputStream(bytes));
        WordTfidf copy = WordTfidf.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(copy).isEqualTo(words);
        assertThat(copy.vector("refund my lost card")).usingRecursiveComparison().isEqualTo(words.vector("refund my lost card"));
    }

    private static float[] sortedDescending(float[] values) {
        float[] copy = values.clone();
        java.util.Arrays.sort(copy);
        for (int i = 0; i < copy.length / 2; i++) {
            float t = copy[i];
            copy[i] = copy[copy.length - 1 - i];
            copy[copy.length - 1 - i] = t;
        }
        return copy;
    }
}
