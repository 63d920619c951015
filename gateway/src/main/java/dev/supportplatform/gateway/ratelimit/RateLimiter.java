package dev.supportplatform.gateway.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts requests against fixed-window limits in Redis, shared by every replica: one script call checks all the
 * request's limits and counts it only if none is exhausted. When Redis fails, the replica falls back to in-process
 * counters for a short while and reports itself degraded.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long FAILED_WINDOW_SECONDS = 60;

    // KEYS[1]: failed-auth counter (only read); KEYS[2..]: counters. ARGV[1]: failed-auth limit;
    // ARGV[2k], ARGV[2k+1]: limit and expiry of KEYS[k+1]. Returns {-1, counts...} or {index, count} when exhausted.
    private static final RedisScript<List> CHECK_AND_COUNT = RedisScript.of("""
            local failed = tonumber(redis.call('GET', KEYS[1]) or '0')
            if failed >= tonumber(ARGV[1]) then
              return {0, failed}
            end
            for i = 2, #KEYS do
              local count = tonumber(redis.call('GET', KEYS[i]) or '0')
              if count >= tonumber(ARGV[2 * i - 2]) then
                return {i - 1, count}
              end
            end
            local result = {-1}
            for i = 2, #KEYS do
              local count = redis.call('INCR', KEYS[i])
              if count == 1 then
                redis.call('EXPIRE', KEYS[i], ARGV[2 * i - 1])
              end
              result[i] = count
            end
            return result
            """, List.class);

    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then
              redis.call('EXPIRE', KEYS[1], ARGV[1])
            end
            return count
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final RateLimitProperties properties;
    private final LocalCounters local = new LocalCounters();
    private final AtomicLong redisFailedAt = new AtomicLong(0);
    private final Clock clock;
    private final Duration redisTimeout;

    public RateLimiter(ReactiveStringRedisTemplate redis, RateLimitProperties properties) {
        this.redis = redis;
        this.properties = properties;
        this.redisTimeout = Duration.ofMillis(properties.redisTimeoutMs());
        this.clock = Clock.systemUTC();
    }

    /**
     * Checks and counts one request from {@code ip} against {@code limits} (first is the one reported in headers
     * when all pass); refused outright while the IP has too many failed credential attempts.
     */
    public Mono<Decision> check(String ip, List<Limit> limits) {
        long now = clock.instant().getEpochSecond();
        Limit failedLimit = failedAuthLimit(ip);
        String failedKey = failedLimit.counterKey(now);
        if (useLocal()) {
            return Mono.just(decide(local.checkAndCount(failedKey, failedLimit.limit(), limits, now), failedLimit, limits, now));
        }
        List<String> keys = new ArrayList<>(limits.size() + 1);
        List<String> args = new ArrayList<>(limits.size() * 2 + 1);
        keys.add(failedKey);
        args.add(Long.toString(failedLimit.limit()));
        for (Limit limit : limits) {
            keys.add(limit.counterKey(now));
            args.add(Long.toString(limit.limit()));
            args.add(Long.toString(limit.windowSeconds() + 1));
        }
        return redis.execute(CHECK_AND_COUNT, keys, args).next()
                .timeout(redisTimeout)
                .map(result -> {
                    redisFailedAt.set(0);
                    return decide(toLongs(result), failedLimit, limits, now);
                })
                .onErrorResume(e -> {
                    redisDown(e);
                    return Mono.just(decide(local.checkAndCount(failedKey, failedLimit.limit(), limits, now), failedLimit, limits, now));
                });
    }

    /** Counts a failed credential attempt from {@code ip}. */
    public Mono<Void> recordFailure(String ip) {
        long now = clock.instant().getEpochSecond();
        Limit failed = failedAuthLimit(ip);
        String key = failed.counterKey(now);
        if (useLocal()) {
            local.increment(key, failed.resetAt(now));
            return Mono.empty();
        }
        return redis.execute(INCREMENT, List.of(key), List.of(Long.toString(FAILED_WINDOW_SECONDS + 1))).next()
                .timeout(redisTimeout)
                .doOnNext(n -> redisFailedAt.set(0))
                .onErrorResume(e -> {
                    redisDown(e);
                    local.increment(key, failed.resetAt(now));
                    return Mono.empty();
                })
                .then();
    }

    /** True while limits are counted per replica because Redis failed recently. */
    public boolean degraded() {
        return redisFailedAt.get() != 0;
    }

    public Limit failedAuthLimit(String ip) {
        return new Limit("auth-failures", ip, properties.failedAuthPerMinute(), FAILED_WINDOW_SECONDS);
    }

    private boolean useLocal() {
        long failedAt = redisFailedAt.get();
        return failedAt != 0 && clock.millis() - failedAt < properties.redisRetryAfterMs();
    }

    private void redisDown(Throwable e) {
        if (redisFailedAt.getAndSet(clock.millis()) == 0) {
            log.warn("Redis unreachable, counting rate limits per replica: {}", e.toString());
        }
    }

    private static Decision decide(long[] result, Limit failedLimit, List<Limit> limits, long now) {
        int index = (int) result[0];
        if (index == 0) {
            return new Decision(false, failedLimit, 0, failedLimit.resetAt(now), now);
        }
        if (index > 0) {
            Limit exhausted = limits.get(index - 1);
            return new Decision(false, exhausted, 0, exhausted.resetAt(now), now);
        }
        Limit reported = limits.getFirst();
        return new Decision(true, reported, Math.max(0, reported.limit() - result[1]), reported.resetAt(now), now);
    }

    private static long[] toLongs(List<?> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).longValue();
        }
        return out;
    }
}
