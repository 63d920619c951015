package dev.supportplatform.gateway.ratelimit;

/**
 * One fixed-window counter to check and count: at most {@code limit} requests per {@code windowSeconds} for
 * {@code subject} (an IP, a key id).
 */
public record Limit(String name, String subject, long limit, long windowSeconds) {

    long window(long epochSecond) {
        return epochSecond / windowSeconds;
    }

    String counterKey(long epochSecond) {
        return "rl:" + name + ":" + subject + ":" + window(epochSecond);
    }

    /** Epoch second at which the current window ends and the count starts again. */
    long resetAt(long epochSecond) {
        return (window(epochSecond) + 1) * windowSeconds;
    }
}
