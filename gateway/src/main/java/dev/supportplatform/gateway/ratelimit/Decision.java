package dev.supportplatform.gateway.ratelimit;

/**
 * The outcome of counting one request.
 *
 * @param allowed   false when a limit is exhausted (429)
 * @param limit     the limit the X-RateLimit-* headers describe: the exhausted one, else the most relevant one
 * @param remaining requests left in that limit's window
 * @param resetAt   epoch second at which that window ends
 * @param now       epoch second of the decision, for Retry-After
 */
public record Decision(boolean allowed, Limit limit, long remaining, long resetAt, long now) {

    public long retryAfterSeconds() {
        return Math.max(1, resetAt - now);
    }
}
