package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.intent.TextEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The shipped sentiment model on the real embedding model (its accuracy is measured in bench/RESULTS.md, not here). */
class SentimentModelTest {

    private static TextEncoder encoder;
    private static SentimentModel model;

    @BeforeAll
    static void load() {
        encoder = new TextEncoder(List.of("minilm"), 1);
        model = new SentimentModel(encoder);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static double score(String text) {
        return model.score(text, encoder.encode(text));
    }

    @Test
    void scoresClearlyPositiveAboveNeutralAboveClearlyNegativeWithinMinusOneToOne() {
        double positive = score("I love this product, it works wonderfully and support was fantastic!");
        double neutral = score("The invoice is attached to the email from Tuesday.");
        double negative = score("This is awful. It broke after a day and nobody answers my emails, I am furious.");
        assertThat(positive).isGreaterThan(0.3).isLessThanOrEqualTo(1.0);
        assertThat(negative).isLessThan(-0.3).isGreaterThanOrEqualTo(-1.0);
        assertThat(neutral).isBetween(-0.2, 0.2);
    }

    @Test
    void theDeadZoneIsContinuousIncreasingAndClipped() {
        double zone = 0.09;
        assertThat(SentimentModel.deadZone(zone, zone)).isCloseTo(0.05, offset(1e-12));
        assertThat(SentimentModel.deadZone(zone + 1e-9, zone)).isCloseTo(0.05, offset(1e-6));
        assertThat(SentimentModel.deadZone(-0.04, zone)).isBetween(-0.05, 0.0);
        double previous = -2;
        for (double z = -2; z <= 2; z += 0.01) {
            double out = SentimentModel.deadZone(z, zone);
            assertThat(out).isGreaterThanOrEqualTo(previous).isBetween(-1.0, 1.0);
            previous = out;
        }
    }
}
