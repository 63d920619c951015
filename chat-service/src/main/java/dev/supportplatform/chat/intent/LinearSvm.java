package dev.supportplatform.chat.intent;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * One-vs-rest linear SVM (L2-regularised, squared hinge loss) fitted by dual coordinate descent — the method of
 * LIBLINEAR's {@code L2R_L2LOSS_SVC_DUAL} (Hsieh et al., ICML 2008) — with a bias feature. An example is a dense
 * block (a sentence embedding) and an optional sparse block (word n-gram tf-idf). Written out here because the dense
 * loop is several times faster than LIBLINEAR's sparse Java port on embeddings (measured in
 * chat-service/bench/INTENTS.md); tests check it against LIBLINEAR. Classes are fitted in parallel.
 */
final class LinearSvm {

    private LinearSvm() {
    }

    /** One example: a dense block and a sparse block given as indexes (into 0..sparseWidth-1) with their values. */
    record Row(float[] dense, int[] sparseIndex, float[] sparseValue) {

        Row(float[] dense) {
            this(dense, new int[0], new float[0]);
        }
    }

    /** Dense examples only; see {@link #fit(Row[], int, double, int[], int, double, double, int)}. */
    static float[][] fit(float[][] x, int[] y, int classes, double c, double epsilon, int maxEpochs) {
        Row[] rows = new Row[x.length];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new Row(x[i]);
        }
        return fit(rows, 0, 1.0, y, classes, c, epsilon, maxEpochs);
    }

    /**
     * @param x           examples, all with dense blocks of one dimension
     * @param sparseWidth the number of sparse features
     * @param denseScale  the dense block is multiplied by this while fitting: it sets how much the embedding weighs
     *                    against the sparse block under the one regularisation
     * @param y           class index of each example, 0..classes-1
     * @param c           inverse regularisation strength
     * @param epsilon     stop when the projected gradient's spread falls below this
     * @return one row per class: the weights of the dense features (for unscaled vectors: the scale is folded in),
     *         then those of the sparse features, then the bias
     */
    static float[][] fit(Row[] x, int sparseWidth, double denseScale, int[] y, int classes, double c, double epsilon, int maxEpochs) {
        int n = x.length;
        int d = x[0].dense().length;
        double diagonal = 1.0 / (2.0 * c);
        double[] qii = new double[n];
        for (int i = 0; i < n; i++) {
            double dense = 0;
            for (float v : x[i].dense()) {
                dense += v * v;
            }
            double sparse = 0;
            for (float v : x[i].sparseValue()) {
                sparse += v * v;
            }
            qii[i] = denseScale * denseScale * dense + sparse + 1.0 + diagonal; // 1.0: the bias feature
        }
        float[][] weights = new float[classes][];
        IntStream.range(0, classes).parallel().forEach(k ->
                weights[k] = fitOne(x, y, k, qii, diagonal, epsilon, maxEpochs, d, sparseWidth, denseScale));
        return weights;
    }

    /** LIBLINEAR's solver for one class against the rest, with its shrinking of examples that stay at alpha = 0. */
    private static float[] fitOne(Row[] x, int[] y, int positive, double[] qii, double diagonal, double epsilon,
                                  int maxEpochs, int d, int sparseWidth, double scale) {
        int n = x.length;
        int bias = d + sparseWidth;
        double[] w = new double[bias + 1];
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
                Row xi = x[i];
                float[] dense = xi.dense();
                int[] sparseIndex = xi.sparseIndex();
                float[] sparseValue = xi.sparseValue();
                double yi = y[i] == positive ? 1.0 : -1.0;
                double denseDot = 0;
                for (int j = 0; j < d; j++) {
                    denseDot += w[j] * dense[j];
                }
                double g = w[bias] + scale * denseDot;
                for (int t = 0; t < sparseIndex.length; t++) {
                    g += w[d + sparseIndex[t]] * sparseValue[t];
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
                    double denseStep = step * scale;
                    for (int j = 0; j < d; j++) {
                        w[j] += denseStep * dense[j];
                    }
                    for (int t = 0; t < sparseIndex.length; t++) {
                        w[d + sparseIndex[t]] += step * sparseValue[t];
                    }
                    w[bias] += step;
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
        float[] out = new float[bias + 1];
        for (int j = 0; j <= bias; j++) {
            out[j] = (float) (j < d ? w[j] * scale : w[j]);
        }
        return out;
    }
}
