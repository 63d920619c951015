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
import java.util.regex.Pattern;

/**
 * The sentiment score the turn stores (-1..1): a ridge regression over VADER's compound score ({@link Sentiment},
 * with our support words), a few style features (informal markers, length) and the rules' class crossed with it, and
 * the message's all-MiniLM-L6-v2 embedding, alone and scaled by the text's informality; fitted on the four VADER
 * ground-truth corpora against the human mean / 4. Its output passes a continuous dead zone so that weak predictions
 * read as neutral (|score| < 0.05). How it was fitted and its cross-validated figures: chat-service/bench/RESULTS.md;
 * refit with chat-service/bench/run-sentiment.sh --write-model.
 */
@Component
public class SentimentModel {

    static final String RESOURCE = "/sentiment/ridge-minilm.txt";
    /** The encoder block the weights read. */
    static final String ENCODER_BLOCK = "all-minilm-l6-v2";
    /** Features before the embedding's: see {@link #features}. */
    public static final int LEADING_FEATURES = 11;
    static final int EMBEDDING = 384;
    /** The leading features, the embedding, and the embedding scaled by informality. */
    public static final int FEATURES = LEADING_FEATURES + 2 * EMBEDDING;

    private static final Pattern EMOTICON = Pattern.compile("(?s).*[:;=][-']?[()DPp].*");
    private static final Pattern SHOUTED_WORD = Pattern.compile("(?s).*\\b[A-Z]{3,}\\b.*");
    private static final Pattern ELONGATED = Pattern.compile("(?s).*(\\w)\\1\\1.*");

    private final Sentiment lexicon = Sentiment.bundled();
    private final double[] weights;
    private final double zone;
    private final int blockOffset;

    public SentimentModel(TextEncoder encoder) {
        Fitted fitted = load();
        this.weights = fitted.weights();
        this.zone = fitted.zone();
        this.blockOffset = encoder.offsetOf(ENCODER_BLOCK);
    }

    /** @param vector the message's {@link TextEncoder} vector */
    public double score(String text, float[] vector) {
        double rules = lexicon.score(text);
        if (blockOffset < 0) {
            return rules; // the encoder has no MiniLM block: the rules alone
        }
        double[] f = features(text, rules, Arrays.copyOfRange(vector, blockOffset, blockOffset + EMBEDDING));
        double z = 0;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * f[i];
        }
        return deadZone(z, zone);
    }

    /**
     * 1, the rules' score s, s·|s|, informality i, s·i, s·shortness, shortness, whether s is positive (p) or negative
     * (n), p·i, n·i, then the embedding e, then e·i (informal text reads differently: tweets against reviews).
     */
    public static double[] features(String text, double rules, float[] embedding) {
        double informal = informality(text);
        double shortness = 1.0 / (1.0 + text.split("\\s+").length / 10.0);
        double positive = rules > 0.05 ? 1 : 0;
        double negative = rules < -0.05 ? 1 : 0;
        double[] f = new double[LEADING_FEATURES + 2 * embedding.length];
        f[0] = 1;
        f[1] = rules;
        f[2] = rules * Math.abs(rules);
        f[3] = informal;
        f[4] = rules * informal;
        f[5] = rules * shortness;
        f[6] = shortness;
        f[7] = positive;
        f[8] = negative;
        f[9] = positive * informal;
        f[10] = negative * informal;
        for (int j = 0; j < embedding.length; j++) {
            f[LEADING_FEATURES + j] = embedding[j];
            f[LEADING_FEATURES + embedding.length + j] = embedding[j] * informal;
        }
        return f;
    }

    /** 0..1: how many markers of informal writing (mentions, tags, links, emoticons, "!!", shouting, "sooo") it has. */
    static double informality(String t) {
        int markers = 0;
        markers += t.contains("@") ? 1 : 0;
        markers += t.contains("#") ? 1 : 0;
        markers += t.contains("http") ? 1 : 0;
        markers += EMOTICON.matcher(t).matches() ? 1 : 0;
        markers += t.contains("!!") ? 1 : 0;
        markers += SHOUTED_WORD.matcher(t).matches() ? 1 : 0;
        markers += ELONGATED.matcher(t).matches() ? 1 : 0;
        markers += t.contains("&amp;") || t.toLowerCase(java.util.Locale.ROOT).contains("lol") ? 1 : 0;
        return Math.min(3, markers) / 3.0;
    }

    /** Continuous and increasing: |z| <= zone maps into the neutral band (|score| <= 0.05), beyond it shifts; clipped to -1..1. */
    public static double deadZone(double z, double zone) {
        double a = Math.abs(z);
        double out = a <= zone ? a * 0.05 / zone : a - zone + 0.05;
        return Math.max(-1.0, Math.min(1.0, Math.signum(z) * out));
    }

    record Fitted(double zone, double[] weights) {
    }

    static Fitted load() {
        try (InputStream in = Objects.requireNonNull(SentimentModel.class.getResourceAsStream(RESOURCE), RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Double zone = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("zone ")) {
                    zone = Double.parseDouble(line.substring(5).trim());
                } else if (zone != null) {
                    double[] w = Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
                    if (w.length != FEATURES) {
                        throw new IllegalStateException(RESOURCE + " has " + w.length + " weights, expected " + FEATURES);
                    }
                    return new Fitted(zone, w);
                }
            }
            throw new IllegalStateException(RESOURCE + " holds no zone and weights");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
