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
 * A fitted linear classifier over {@link TextEncoder} vectors: one weight row (plus bias) per intent; the scores
 * become probabilities by a softmax at the model's temperature. Pure and immutable; serialises to bytes so that every
 * replica can load what one replica trained.
 */
public final class IntentClassifier {

    private static final int FORMAT = 2;

    private final String layout;
    private final List<String> labels;
    private final float[][] weights;
    private final double temperature;

    /**
     * @param layout      the encoder layout the vectors came from ({@link TextEncoder#layout()})
     * @param weights     one row per label: {@code dimension} weights then the bias
     * @param temperature softmax temperature turning scores into probabilities
     */
    public IntentClassifier(String layout, List<String> labels, float[][] weights, double temperature) {
        if (labels.size() != weights.length) {
            throw new IllegalArgumentException("one weight row per label");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive");
        }
        this.layout = layout;
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

    public int dimension() {
        return weights.length == 0 ? 0 : weights[0].length - 1;
    }

    /** Every label with its probability, most likely first. */
    public List<Scored> rank(float[] vector) {
        if (vector.length != dimension()) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, the model " + dimension());
        }
        double[] p = new double[labels.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            float[] w = weights[k];
            double z = w[w.length - 1];
            for (int i = 0; i < vector.length; i++) {
                z += w[i] * vector[i];
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
            out.writeInt(labels.size());
            out.writeInt(dimension() + 1);
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
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown intent model format " + format);
            }
            String layout = in.readUTF();
            double temperature = in.readDouble();
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
            return new IntentClassifier(layout, labels, weights, temperature);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "IntentClassifier" + Arrays.asList(layout, labels.size() + " labels", dimension() + " dims");
    }
}
