package dev.supportplatform.chat.intent;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * One-vs-rest linear SVM (L2-regularised, squared hinge loss) fitted by dual coordinate descent — the method of
 * LIBLINEAR's {@code L2R_L2LOSS_SVC_DUAL} (Hsieh et al., ICML 2008) — on dense float vectors with a bias feature.
 * Written out here because the dense loop is several times faster than LIBLINEAR's sparse Java port on embeddings
 * (measured in chat-service/bench/INTENTS.md); a test checks it against LIBLINEAR. Classes are fitted in parallel.
 */
final class LinearSvm {

    private LinearSvm() {
    }

    /**
     * @param x       examples, all of one dimension
     * @param y       class index of each example, 0..classes-1
     * @param c       inverse regularisation strength
     * @param epsilon stop when the projected gradient's spread falls below this
     * @return one row per class: the weights, then the bias
     */
    static float[][] fit(float[][] x, int[] y, int classes, double c, double epsilon, int maxEpochs) {
        int n = x.length;
        int d = x[0].length;
        double diagonal = 1.0 / (2.0 * c);
        double[] qii = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 1.0; // the bias feature
            for (float v : x[i]) {
                s += v * v;
            }
            qii[i] = s + diagonal;
        }
        float[][] weights = new float[classes][];
        IntStream.range(0, classes).parallel().forEach(k -> weights[k] = fitOne(x, y, k, qii, diagonal, epsilon, maxEpochs, d));
        return weights;
    }

    /** LIBLINEAR's solver for one class against the rest, with its shrinking of examples that stay at alpha = 0. */
    private static float[] fitOne(float[][] x, int[] y, int positive, double[] qii, double diagonal, double epsilon,
                                  int maxEpochs, int d) {
        int n = x.length;
        double[] w = new double[d + 1];
        double[] alpha = new double[n];
        int[] index = IntStream.range(0, n).toArray();
        Random random = new Random(positive); // deterministic for the same data
        int active = n;
        double pgMaxOld = Double.POSITIVE_INFINITY;
        double pgMinOld = Double.NEGATIVE_INFINITY;
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            for (int i = 0; i < active; i++) {
                int j = i + random.nextInt(active - i);
                int t = index[i];
                index[i] = index[j];
                index[j] = t;
            }
            double pgMax = Double.NEGATIVE_INFINITY;
            double pgMin = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                int i = index[s];
                float[] xi = x[i];
                double yi = y[i] == positive ? 1.0 : -1.0;
                double g = w[d];
                for (int j = 0; j < d; j++) {
                    g += w[j] * xi[j];
                }
                g = g * yi - 1.0 + diagonal * alpha[i];
                double pg = 0;
                if (alpha[i] == 0) {
                    if (g > pgMaxOld) {
                        // far on the right side of the margin: leave it out until the final check
                        active--;
                        index[s] = index[active];
                        index[active] = i;
                        s--;
                        continue;
                    }
                    if (g < 0) {
                        pg = g;
                    }
                } else {
                    pg = g;
                }
                pgMax = Math.max(pgMax, pg);
                pgMin = Math.min(pgMin, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.max(old - g / qii[i], 0.0);
                    double step = (alpha[i] - old) * yi;
                    for (int j = 0; j < d; j++) {
                        w[j] += step * xi[j];
                    }
                    w[d] += step;
                }
            }
            if (pgMax - pgMin <= epsilon) {
                if (active == n) {
                    break;
                }
                // converged on the active set: check every example once more
                active = n;
                pgMaxOld = Double.POSITIVE_INFINITY;
                pgMinOld = Double.NEGATIVE_INFINITY;
                continue;
            }
            pgMaxOld = pgMax <= 0 ? Double.POSITIVE_INFINITY : pgMax;
            pgMinOld = pgMin >= 0 ? Double.NEGATIVE_INFINITY : pgMin;
        }
        float[] out = new float[d + 1];
        for (int j = 0; j <= d; j++) {
            out[j] = (float) w[j];
        }
        return out;
    }
}
