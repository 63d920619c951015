package dev.supportplatform.escalation.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again, and when it is given up. Pauses double from {@code initial-backoff} up to
 * {@code max-backoff}, with "equal jitter" (half the pause fixed, half random) so that receivers coming back after an
 * outage are not hit by every retry at once. A delivery is retried for the whole {@code retry-window}: it is given up
 * only when an attempt fails after the window has run out, so the last attempt is never earlier than that.
 */
final class RetrySchedule {

    private final Duration initial;
    private final Duration max;
    private final Duration window;
    private final RandomGenerator random;

    RetrySchedule(WebhookProperties properties, RandomGenerator random) {
        this.initial = properties.initialBackoff();
        this.max = properties.maxBackoff();
        this.window = properties.retryWindow();
        this.random = random;
    }

    /** The pause after the {@code attempts}-th failed attempt. */
    Duration backoff(int attempts) {
        long base = initial.toMillis();
        long cap = max.toMillis();
        long exp = attempts >= 40 ? cap : Math.min(cap, base * (1L << Math.min(attempts - 1, 30)));
        long half = Math.max(1, exp / 2);
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    /** Whether an attempt that failed at {@code failedAt} was the last one for a delivery created at {@code createdAt}. */
    boolean givesUp(Instant createdAt, Instant failedAt) {
        return !failedAt.isBefore(createdAt.plus(window));
    }
}
