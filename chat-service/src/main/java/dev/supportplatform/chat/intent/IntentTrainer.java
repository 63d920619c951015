package dev.supportplatform.chat.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits an {@link IntentClassifier}: a one-vs-rest linear SVM ({@link LinearSvm}) over each example's stored embedding
 * (weighted by {@code embeddingWeight}) beside its word 1-2-gram tf-idf ({@link WordTfidf}, fitted on the same
 * examples), whose scores become probabilities by a softmax at a fixed temperature. Deterministic for the same
 * examples in the same order. C, the embedding weight and the temperature were chosen on training and validation
 * splits only (chat-service/bench/INTENTS.md): the word block beat the embedding alone, logistic regression, a
 * shared-covariance Gaussian classifier and kNN there.
 */
public final class IntentTrainer {

    private static final double EPSILON = 0.1;
    private static final int MAX_EPOCHS = 50;

    private final double c;
    private final double temperature;
    private final double embeddingWeight;
    private final int maxTerms;

    /** @param maxTerms the word block's vocabulary limit; 0 fits the embedding alone */
    public IntentTrainer(double c, double temperature, double embeddingWeight, int maxTerms) {
        this.c = c;
        this.temperature = temperature;
        this.embeddingWeight = embeddingWeight;
        this.maxTerms = maxTerms;
    }

    /** One labelled example: its text and the text's {@link TextEncoder} vector. */
    public record Example(String label, String text, float[] vector) {
    }

    public IntentClassifier fit(String layout, List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int dimension = examples.getFirst().vector().length;
        WordTfidf words = maxTerms == 0 ? WordTfidf.NONE : WordTfidf.fit(examples.stream().map(Example::text).toList(), maxTerms);
        Map<String, Integer> ids = new LinkedHashMap<>();
        LinearSvm.Row[] x = new LinearSvm.Row[examples.size()];
        int[] y = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.vector().length != dimension) {
                throw new IllegalArgumentException("examples of different dimensions");
            }
            y[i] = ids.computeIfAbsent(e.label(), k -> ids.size());
            WordTfidf.Sparse terms = words.vector(e.text());
            x[i] = new LinearSvm.Row(e.vector(), terms.index(), terms.value());
        }
        List<String> labels = new ArrayList<>(ids.keySet());
        if (labels.size() < 2) {
            throw new IllegalArgumentException("at least two intents are needed to train a classifier");
        }
        float[][] weights = LinearSvm.fit(x, words.size(), embeddingWeight, y, labels.size(), c, EPSILON, MAX_EPOCHS);
        return new IntentClassifier(layout, words, labels, weights, temperature);
    }
}
