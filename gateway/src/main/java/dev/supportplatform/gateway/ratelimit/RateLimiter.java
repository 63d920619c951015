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
 * Counts requests against fixed-window limits in Redis, shared by every replica. A replica reserves tokens from a
 * shared counter in batches ({@link Leases}) and hands them out without asking Redis again, so most requests are
 * decided in memory; one script call reserves for all of a request's limits that have run out here, and refuses
 * without reserving anything when one of them is exhausted. The batch is a 64th of what is left of the window (at
 * most {@value #MAX_LEASE}), so limits below 128 per window (the per-IP and endpoint-group limits, the free plan)
 * are still counted request by request and exactly, and no limit is ever exceeded across replicas. When Redis fails,
 * the replica falls back to in-process counters for a short while and reports itself degraded.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long FAILED_WINDOW_SECONDS = 60;
    /** A lease is this fraction of what is left of a window... */
    static final long LEASE_DIVISOR = 64;
    /** ...and at most this many tokens. */
    static final long MAX_LEASE = 1000;

    // KEYS[1]: failed-auth counter (only read); KEYS[2..]: counters to reserve from. ARGV[1]: failed-auth limit;
    // ARGV[2], ARGV[3]: lease divisor and maximum; ARGV[2i], ARGV[2i+1]: limit and expiry of KEYS[i].
    // Returns {-1, count, granted, count, granted...} or {index, count} when a limit is exhausted (0: failed-auth).
    private static final RedisScript<List> RESERVE = RedisScript.of("""
            local failed = tonumber(redis.call('GET', KEYS[1]) or '0')
            if failed >= tonumber(ARGV[1]) then
              return {0, failed}
            end
            local counts = {}
            for i = 2, #KEYS do
              counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
              if counts[i] >= tonumber(ARGV[2 * i]) then
                return {i - 1, counts[i]}
              end
            end
            local result = {-1}
            for i = 2, #KEYS do
              local left = tonumber(ARGV[2 * i]) - counts[i]
              local lease = math.max(1, math.min(math.floor(left / tonumber(ARGV[2])), tonumber(ARGV[3])))
              local count = redis.call('INCRBY', KEYS[i], lease)
              if count == lease then
                redis.call('EXPIRE', KEYS[i], ARGV[2 * i + 1])
              end
              result[2 * i - 2] = count
              result[2 * i - 1] = lease
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
    private final Leases leases = new Leases();
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
        if (useLocal()) {
            return Mono.just(checkLocally(failedLimit, limits, now));
        }
        Leases.Take take = leases.take(failedLimit, limits, now);
        if (take.decision() != null) {
            return Mono.just(take.decision());
        }
        List<String> keys = new ArrayList<>(take.needed().size() + 1);
        List<String> args = new ArrayList<>(take.needed().size() * 2 + 3);
        keys.add(failedLimit.counterKey(now));
        args.add(Long.toString(failedLimit.limit()));
        args.add(Long.toString(LEASE_DIVISOR));
        args.add(Long.toString(MAX_LEASE));
        for (int i : take.needed()) {
            Limit limit = limits.get(i);
            keys.add(limit.counterKey(now));
            args.add(Long.toString(limit.limit()));
            args.add(Long.toString(limit.windowSeconds() + 1));
        }
        return redis.execute(RESERVE, keys, args).next()
                .timeout(redisTimeout)
                .map(result -> {
                    redisFailedAt.set(0);
                    return reserved(toLongs(result), take, failedLimit, limits, now);
                })
                .onErrorResume(e -> {
                    redisDown(e);
                    leases.giveBack(limits, take.held(), now);
                    return Mono.just(checkLocally(failedLimit, limits, now));
                });
    }

    private Decision reserved(long[] result, Leases.Take take, Limit failedLimit, List<Limit> limits, long now) {
        int index = (int) result[0];
        if (index == 0) {
            leases.failures(failedLimit, result[1], now);
            leases.giveBack(limits, take.held(), now);
            return refused(failedLimit, now);
        }
        if (index > 0) {
            Limit exhausted = limits.get(take.needed().get(index - 1));
            leases.exhausted(exhausted, result[1], limits, take.held(), now);
            return refused(exhausted, now);
        }
        long[] counts = new long[take.needed().size()];
        long[] granted = new long[take.needed().size()];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = result[1 + 2 * k];
            granted[k] = result[2 + 2 * k];
        }
        return leases.reserved(limits, take.needed(), counts, granted, now);
    }

    static Decision refused(Limit limit, long now) {
        return new Decision(false, limit, 0, limit.resetAt(now), now);
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
                .doOnNext(count -> {
                    redisFailedAt.set(0);
                    leases.failures(failed, count, now);
                })
                .onErrorResume(e -> {
                    redisDown(e);
                    local.increment(key, failed.resetAt(now));
                    return Mono.empty();
                })
                .then();
    }

    /**
     * True while limits are counted per replica because Redis failed recently. Bounded in time: requests served from
     * leased tokens do not call Redis, so no success may come along to clear the flag once Redis is back.
     */
    public boolean degraded() {
        return useLocal();
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

    private Decision checkLocally(Limit failedLimit, List<Limit> limits, long now) {
        return decide(local.checkAndCount(failedLimit.counterKey(now), failedLimit.limit(), limits, now), failedLimit, limits, now);
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
