package dev.supportplatform.analytics.bench;

import java.util.Arrays;

/** Percentiles of a set of measurements (nearest-rank). */
final class BenchStats {
    private BenchStats() {
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String summary(double[] ms) {
        return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", ms.length, percentile(ms, 50), percentile(ms, 95),
                percentile(ms, 99), percentile(ms, 100));
    }
}
