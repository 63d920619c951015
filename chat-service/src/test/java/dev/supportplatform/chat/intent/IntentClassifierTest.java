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
    void refusesVectorsOfAnotherDimension() {
        assertThatThrownBy(() -> classifier.rank(new float[]{1f, 0f, 0f})).isInstanceOf(IllegalArgumentException.class);
    }
}
