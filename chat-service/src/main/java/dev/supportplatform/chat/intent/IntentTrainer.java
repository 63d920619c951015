package dev.supportplatform.chat.intent;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits an {@link IntentClassifier}: L2-regularised logistic regression, one intent against the rest, by LIBLINEAR
 * (BSD licence; Fan et al. 2008) over the examples' stored vectors. Deterministic for the same examples in the same
 * order. Chosen by measurement (chat-service/bench/INTENTS.md), where it beat a linear SVM, kNN and TF-IDF features.
 */
public final class IntentTrainer {

    /** Inverse regularisation strength, chosen on held-out training data (never on a test split). */
    private final double c;

    public IntentTrainer(double c) {
        this.c = c;
    }

    public record Example(String label, float[] vector) {
    }

    public IntentClassifier fit(String layout, List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int dimension = examples.getFirst().vector().length;
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Example e : examples) {
            if (e.vector().length != dimension) {
                throw new IllegalArgumentException("examples of different dimensions");
            }
            ids.putIfAbsent(e.label(), ids.size());
        }
        List<String> labels = new ArrayList<>(ids.keySet());
        if (labels.size() < 2) {
            throw new IllegalArgumentException("at least two intents are needed to train a classifier");
        }
        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = dimension + 1;
        problem.bias = 1.0;
        problem.x = new Feature[examples.size()][];
        problem.y = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            float[] v = examples.get(i).vector();
            Feature[] row = new Feature[dimension + 1];
            for (int j = 0; j < dimension; j++) {
                row[j] = new FeatureNode(j + 1, v[j]);
            }
            row[dimension] = new FeatureNode(dimension + 1, 1.0);
            problem.x[i] = row;
            problem.y[i] = ids.get(examples.get(i).label());
        }
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.01));
        return new IntentClassifier(layout, labels, weights(model, labels.size(), dimension));
    }

    /** LIBLINEAR stores w[feature * classes + class] in its own label order; one row per class here, bias last. */
    private static float[][] weights(Model model, int classes, int dimension) {
        double[] w = model.getFeatureWeights();
        int[] order = model.getLabels();
        int columns = model.getNrClass() == 2 ? 1 : model.getNrClass();
        float[][] rows = new float[classes][dimension + 1];
        for (int k = 0; k < model.getNrClass(); k++) {
            int label = order[k];
            for (int j = 0; j <= dimension; j++) {
                double value;
                if (columns == 1) {
                    // two classes: one vector scores the first label; the second is its mirror
                    value = k == 0 ? w[j] : -w[j];
                } else {
                    value = w[j * columns + k];
                }
                rows[label][j] = (float) value;
            }
        }
        return rows;
    }
}
