package dev.supportplatform.analytics.ingest;

/** Sentiment classes of a score in -1..1 (see docs/analytics-figures.md): >= 0.05 positive, <= -0.05 negative, else neutral. */
public final class Sentiment {
    public static final double POSITIVE_AT_LEAST = 0.05;
    public static final double NEGATIVE_AT_MOST = -0.05;

    private Sentiment() {
    }

    public static String label(double score) {
        if (score >= POSITIVE_AT_LEAST) {
            return "positive";
        }
        return score <= NEGATIVE_AT_MOST ? "negative" : "neutral";
    }
}
