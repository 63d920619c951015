package dev.supportplatform.chat.intent;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LinearSvmTest {

    /** Three noisy Gaussian clusters in 20 dimensions, unit-normalised like sentence embeddings. */
    private static float[][] points(int n, int[] labels, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[3][20];
        Random c = new Random(7);
        for (float[] centre : centres) {
            for (int j = 0; j < centre.length; j++) {
                centre[j] = (float) c.nextGaussian();
            }
        }
        float[][] x = new float[n][20];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            double norm = 0;
            for (int j = 0; j < 20; j++) {
                x[i][j] = centres[labels[i]][j] + (float) (1.5 * random.nextGaussian());
                norm += x[i][j] * x[i][j];
            }
            for (int j = 0; j < 20; j++) {
                x[i][j] /= (float) Math.sqrt(norm);
            }
        }
        return x;
    }

    private static int argmax(float[][] w, float[] x) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            double s = w[k][x.length];
            for (int j = 0; j < x.length; j++) {
                s += w[k][j] * x[j];
            }
            if (s > bestScore) {
                bestScore = s;
                best = k;
            }
        }
        return best;
    }

    @Test
    void findsTheSameSolutionAsLiblinearsDualSolver() {
        int[] y = new int[600];
        float[][] x = points(600, y, 1);
        float[][] ours = LinearSvm.fit(x, y, 3, 1.0, 0.001, 1000);

        Problem problem = new Problem();
        problem.l = x.length;
        problem.n = 21;
        problem.bias = 1.0;
        problem.x = new Feature[x.length][];
        problem.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            Feature[] row = new Feature[21];
            for (int j = 0; j < 20; j++) {
                row[j] = new FeatureNode(j + 1, x[i][j]);
            }
            row[20] = new FeatureNode(21, 1.0);
            problem.x[i] = row;
            problem.y[i] = y[i];
        }
        Linear.disableDebugOutput();
        Model reference = Linear.train(problem, new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, 1.0, 0.001));
        double[] w = reference.getFeatureWeights();
        int[] order = reference.getLabels();
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j <= 20; j++) {
                // both solve the same strictly convex problem: the optima agree up to the stopping tolerance
                assertThat((double) ours[order[k]][j]).as("class %d weight %d", order[k], j).isCloseTo(w[j * 3 + k],
                        org.assertj.core.data.Offset.offset(0.05));
            }
        }
    }

    @Test
    void findsLiblinearsSolutionWithASparseBlockBesideTheScaledDenseOne() {
        int[] y = new int[600];
        float[][] dense = points(600, y, 5);
        double scale = 1.5;
        int sparseWidth = 30;
        Random random = new Random(11);
        LinearSvm.Row[] rows = new LinearSvm.Row[dense.length];
        Problem problem = new Problem();
        problem.l = dense.length;
        problem.n = 20 + sparseWidth + 1;
        problem.bias = 1.0;
        problem.x = new Feature[dense.length][];
        problem.y = new double[dense.length];
        for (int i = 0; i < dense.length; i++) {
            // three distinct sparse features, one of them tied to the class, so the block carries signal
            int[] index = java.util.stream.IntStream.of(y[i] * 10 + random.nextInt(3), 3 + random.nextInt(3), 7 + random.nextInt(3))
                    .map(j -> j % sparseWidth).distinct().sorted().toArray();
            float[] value = new float[index.length];
            for (int t = 0; t < index.length; t++) {
                value[t] = (float) (0.3 + random.nextDouble() * 0.5);
            }
            rows[i] = new LinearSvm.Row(dense[i], index, value);
            Feature[] row = new Feature[20 + index.length + 1];
            for (int j = 0; j < 20; j++) {
                row[j] = new FeatureNode(j + 1, scale * dense[i][j]);
            }
            for (int t = 0; t < index.length; t++) {
                row[20 + t] = new FeatureNode(21 + index[t], value[t]);
            }
            row[row.length - 1] = new FeatureNode(problem.n, 1.0);
            problem.x[i] = row;
            problem.y[i] = y[i];
        }
        float[][] ours = LinearSvm.fit(rows, sparseWidth, scale, y, 3, 1.0, 0.001, 1000);

        Linear.disableDebugOutput();
        Model reference = Linear.train(problem, new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, 1.0, 0.001));
        double[] w = reference.getFeatureWeights();
        int[] order = reference.getLabels();
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < problem.n; j++) {
                // the dense weights come back for unscaled vectors: LIBLINEAR's, which saw scaled ones, times the scale
                double expected = j < 20 ? scale * w[j * 3 + k] : w[j * 3 + k];
                assertThat((double) ours[order[k]][j]).as("class %d weight %d", order[k], j).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(0.05));
            }
        }
        assertThat(ours[0]).hasSize(20 + sparseWidth + 1);
    }

    @Test
    void classifiesHeldOutPointsOfSeparableClusters() {
        int[] y = new int[900];
        float[][] x = points(900, y, 2);
        float[][] w = LinearSvm.fit(x, y, 3, 1.0, 0.1, 50);
        int[] testY = new int[300];
        float[][] test = points(300, testY, 3);
        long correct = 0;
        for (int i = 0; i < test.length; i++) {
            if (argmax(w, test[i]) == testY[i]) {
                correct++;
            }
        }
        assertThat(correct).isGreaterThan(270);
    }

    @Test
    void isDeterministic() {
        int[] y = new int[300];
        float[][] x = points(300, y, 4);
        assertThat(LinearSvm.fit(x, y, 3, 1.0, 0.1, 50)).isDeepEqualTo(LinearSvm.fit(x, y, 3, 1.0, 0.1, 50));
    }
}
