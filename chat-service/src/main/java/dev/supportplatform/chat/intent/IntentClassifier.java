package dev.supportplatform.chat.intent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A fitted linear classifier over a message's {@link TextEncoder} vector and its word n-grams ({@link WordTfidf}): one
 * weight row (plus bias) per intent; the scores become probabilities by a softmax at the model's temperature. Pure and
 * immutable; serialises to bytes so that every replica can load what one replica trained.
 */
public final class IntentClassifier {

    /** 3: with the word block; 2: embedding only (still read, so that models fitted before keep working). */
    private static final int FORMAT = 3;

    private final String layout;
    private final WordTfidf words;
    private final List<String> labels;
    private final float[][] weights;
    private final double temperature;

    /** A classifier of the embedding alone. */
    public IntentClassifier(String layout, List<String> labels, float[][] weights, double temperature) {
        this(layout, WordTfidf.NONE, labels, weights, temperature);
    }

    /**
     * @param layout      the encoder layout the vectors came from ({@link TextEncoder#layout()})
     * @param words       the word block's vocabulary ({@link WordTfidf#NONE} for none)
     * @param weights     one row per label: {@code dimension} embedding weights, then one per word term, then the bias
     * @param temperature softmax temperature turning scores into probabilities
     */
    IntentClassifier(String layout, WordTfidf words, List<String> labels, float[][] weights, double temperature) {
        if (labels.size() != weights.length) {
            throw new IllegalArgumentException("one weight row per label");
        }
        if (weights.length > 0 && weights[0].length < words.size() + 1) {
            throw new IllegalArgumentException("weight rows are shorter than the word block");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive");
        }
        this.layout = layout;
        this.words = words;
        this.labels = List.copyOf(labels);
        this.weights = weights;
        this.temperature = temperature;
    }

    public record Scored(String label, double probability) {
    }

    public String layout() {
        return layout;
    }

    public List<String> labels() {
        return labels;
    }

    /** The embedding's dimension. */
    public int dimension() {
        return weights.length == 0 ? 0 : weights[0].length - 1 - words.size();
    }

    /** Word terms in the model's vocabulary (0 for a model of the embedding alone). */
    public int vocabularySize() {
        return words.size();
    }

    /** Every label with its probability, most likely first, for an embedding-only model. */
    public List<Scored> rank(float[] vector) {
        return rank(vector, "");
    }

    /** Every label with its probability, most likely first: {@code vector} is {@code text}'s {@link TextEncoder} vector. */
    public List<Scored> rank(float[] vector, String text) {
        int d = dimension();
        if (vector.length != d) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, the model " + d);
        }
        WordTfidf.Sparse terms = words.size() == 0 ? null : words.vector(text);
        double[] p = new double[labels.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            float[] w = weights[k];
            double z = w[w.length - 1];
            for (int i = 0; i < d; i++) {
                z += w[i] * vector[i];
            }
            if (terms != null) {
                for (int t = 0; t < terms.index().length; t++) {
                    z += w[d + terms.index()[t]] * terms.value()[t];
                }
            }
            p[k] = z / temperature;
            max = Math.max(max, p[k]);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        List<Scored> out = new ArrayList<>(labels.size());
        for (int k = 0; k < p.length; k++) {
            out.add(new Scored(labels.get(k), sum == 0 ? 0 : p[k] / sum));
        }
        out.sort(Comparator.comparingDouble(Scored::probability).reversed());
        return out;
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(layout);
            out.writeDouble(temperature);
            words.writeTo(out);
            out.writeInt(labels.size());
            out.writeInt(weights.length == 0 ? 0 : weights[0].length);
            for (int k = 0; k < labels.size(); k++) {
                out.writeUTF(labels.get(k));
                for (float w : weights[k]) {
                    out.writeFloat(w);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IntentClassifier fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readInt();
            if (format != FORMAT && format != 2) {
                throw new IllegalArgumentException("unknown intent model format " + format);
            }
            String layout = in.readUTF();
            double temperature = in.readDouble();
            WordTfidf words = format == 2 ? WordTfidf.NONE : WordTfidf.readFrom(in);
            int n = in.readInt();
            int width = in.readInt();
            List<String> labels = new ArrayList<>(n);
            float[][] weights = new float[n][width];
            for (int k = 0; k < n; k++) {
                labels.add(in.readUTF());
                for (int i = 0; i < width; i++) {
                    weights[k][i] = in.readFloat();
                }
            }
            return new IntentClassifier(layout, words, labels, weights, temperature);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "IntentClassifier" + Arrays.asList(layout, labels.size() + " labels", dimension() + " dims", words.size() + " word terms");
    }
}
