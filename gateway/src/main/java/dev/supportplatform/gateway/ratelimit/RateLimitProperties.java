package dev.supportplatform.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits ({@code gateway.rate-limit.*}); defaults are the contracts' figures.
 *
 * @param perIpPerMinute      agents.md: 100 requests per minute per client IP
 * @param perIpPerSecond      agents.md: burst of 10 requests per second per client IP
 * @param queryPerMinute      support.md: query endpoint, per IP
 * @param sessionsPerMinute   support.md: session endpoints, per IP
 * @param metricsPerMinute    support.md: metrics endpoints, per IP
 * @param failedAuthPerMinute failed credential attempts per IP before every attempt from it is refused
 * @param redisTimeoutMs      how long a limit check may wait for Redis before the in-process limiter decides; a
 *                            disconnected Redis fails at once, this bounds a slow one
 * @param redisRetryAfterMs   after a Redis failure, how long to use the in-process limiter before trying Redis again
 */
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("100") long perIpPerMinute,
        @DefaultValue("10") long perIpPerSecond,
        @DefaultValue("60") long queryPerMinute,
        @DefaultValue("100") long sessionsPerMinute,
        @DefaultValue("30") long metricsPerMinute,
        @DefaultValue("20") long failedAuthPerMinute,
        @DefaultValue("1000") long redisTimeoutMs,
        @DefaultValue("2000") long redisRetryAfterMs) {
}
