package dev.supportplatform.chat.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits an {@link IntentClassifier} over the examples' stored vectors: a one-vs-rest linear SVM ({@link LinearSvm}) whose
 * scores become probabilities by a softmax at a fixed temperature. Deterministic for the same examples in the same
 * order. C and the temperature were chosen on training and validation splits only (chat-service/bench/INTENTS.md),
 * where this beat logistic regression, a shared-covariance Gaussian classifier and kNN.
 */
public final class IntentTrainer {

    private static final double EPSILON = 0.1;
    private static final int MAX_EPOCHS = 50;

    private final double c;
    private final double temperature;

    public IntentTrainer(double c, double temperature) {
        this.c = c;
        this.temperature = temperature;
    }

    public record Example(String label, float[] vector) {
    }

    public IntentClassifier fit(String layout, List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int dimension = examples.getFirst().vector().length;
        Map<String, Integer> ids = new LinkedHashMap<>();
        float[][] x = new float[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.vector().length != dimension) {
                throw new IllegalArgumentException("examples of different dimensions");
            }
            y[i] = ids.computeIfAbsent(e.label(), k -> ids.size());
            x[i] = e.vector();
        }
        List<String> labels = new ArrayList<>(ids.keySet());
        if (labels.size() < 2) {
            throw new IllegalArgumentException("at least two intents are needed to train a classifier");
        }
        return new IntentClassifier(layout, labels, LinearSvm.fit(x, y, labels.size(), c, EPSILON, MAX_EPOCHS), temperature);
    }
}
