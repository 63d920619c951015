package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.intent.TextEncoder;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sentiment score the turn stores (-1..1): a ridge regression over the lexicon scorer's compound score (the
 * VADER rules in {@link Sentiment}) and the message's all-MiniLM-L6-v2 embedding, fitted on the four VADER
 * ground-truth corpora against the human mean / 4. How it was fitted and its cross-validated figures:
 * chat-service/bench/RESULTS.md; refit with chat-service/bench/run-sentiment.sh.
 */
@Component
public class SentimentModel {

    static final String RESOURCE = "/sentiment/ridge-minilm.txt";
    /** The encoder block the weights read. */
    static final String ENCODER_BLOCK = "all-minilm-l6-v2";

    private final Sentiment lexicon = Sentiment.bundled();
    /** intercept, w(lexicon), w(lexicon * |lexicon|), then one weight per embedding dimension. */
    private final double[] weights;
    private final int blockOffset;

    public SentimentModel(TextEncoder encoder) {
        this(load(), encoder.offsetOf(ENCODER_BLOCK));
    }

    SentimentModel(double[] weights, int blockOffset) {
        this.weights = weights;
        this.blockOffset = blockOffset;
    }

    /** @param vector the message's {@link TextEncoder} vector */
    public double score(String text, float[] vector) {
        double s = lexicon.score(text);
        if (blockOffset < 0) {
            return s; // the encoder has no MiniLM block: the lexicon score alone
        }
        double z = weights[0] + weights[1] * s + weights[2] * s * Math.abs(s);
        for (int i = 3; i < weights.length; i++) {
            z += weights[i] * vector[blockOffset + i - 3];
        }
        return Math.max(-1.0, Math.min(1.0, z));
    }

    static double[] load() {
        try (InputStream in = Objects.requireNonNull(SentimentModel.class.getResourceAsStream(RESOURCE), RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    return Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
                }
            }
            throw new IllegalStateException(RESOURCE + " holds no weights");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
