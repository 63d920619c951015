package dev.supportplatform.chat.intent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class IntentClassifierTest {

    private final IntentClassifier classifier = new IntentClassifier("test-encoder", List.of("refund", "greeting", "out_of_scope"),
            new float[][]{{2f, 0f, 0f}, {0f, 2f, 0f}, {-1f, -1f, 0.5f}}, 0.5);

    @Test
    void ranksLabelsByASoftmaxOverTheirScores() {
        List<IntentClassifier.Scored> ranked = classifier.rank(new float[]{1f, 0f});
        assertThat(ranked.getFirst().label()).isEqualTo("refund");
        assertThat(ranked.stream().mapToDouble(IntentClassifier.Scored::probability).sum()).isCloseTo(1.0, offset(1e-9));
        // scores 2, 0, -0.5 at temperature 0.5: exp(4) / (exp(4) + exp(0) + exp(-1))
        assertThat(ranked.getFirst().probability()).isCloseTo(Math.exp(4) / (Math.exp(4) + 1 + Math.exp(-1)), offset(1e-9));
    }

    @Test
    void survivesTheTripThroughBytes() {
        IntentClassifier copy = IntentClassifier.fromBytes(classifier.toBytes());
        assertThat(copy.layout()).isEqualTo("test-encoder");
        assertThat(copy.labels()).isEqualTo(classifier.labels());
        assertThat(copy.rank(new float[]{0.2f, 0.7f})).isEqualTo(classifier.rank(new float[]{0.2f, 0.7f}));
    }

    @Test
    void theWordBlockAddsTheWeightsOfTheMessagesTerms() {
        WordTfidf words = WordTfidf.fit(List.of("refund", "hello"), 10); // terms "hello", "refund"
        // embedding weights favour greeting slightly; the word "refund" weighs 3 for refund
        IntentClassifier withWords = new IntentClassifier("test-encoder", words, List.of("refund", "greeting"),
                new float[][]{{0f, 0f, 0f, 3f, 0f}, {0.5f, 0f, 0f, 0f, 0f}}, 0.5);
        float[] vector = {1f, 0f};
        assertThat(withWords.rank(vector, "hi").getFirst().label()).isEqualTo("greeting");
        assertThat(withWords.rank(vector, "REFUND please").getFirst().label()).isEqualTo("refund");
        IntentClassifier copy = IntentClassifier.fromBytes(withWords.toBytes());
        assertThat(copy.vocabularySize()).isEqualTo(2);
        assertThat(copy.rank(vector, "refund please")).isEqualTo(withWords.rank(vector, "refund please"));
    }

    @Test
    void readsModelsSavedBeforeTheWordBlockExisted() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(2);
            out.writeUTF("test-encoder");
            out.writeDouble(0.5);
            out.writeInt(2);
            out.writeInt(3);
            out.writeUTF("refund");
            for (float w : new float[]{2f, 0f, 0f}) {
                out.writeFloat(w);
            }
            out.writeUTF("greeting");
            for (float w : new float[]{0f, 2f, 0f}) {
                out.writeFloat(w);
            }
        }
        IntentClassifier old = IntentClassifier.fromBytes(bytes.toByteArray());
        assertThat(old.vocabularySize()).isZero();
        assertThat(old.dimension()).isEqualTo(2);
        assertThat(old.rank(new float[]{0f, 1f}, "refund").getFirst().label()).isEqualTo("greeting");
    }

    @Test
    void refusesVectorsOfAnotherDimension() {
        assertThatThrownBy(() -> classifier.rank(new float[]{1f, 0f, 0f})).isInstanceOf(IllegalArgumentException.class);
    }
}
