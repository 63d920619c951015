package dev.supportplatform.gateway.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-replica stand-in for Redis while it is unreachable: the same fixed-window check-then-count as the Redis
 * script, in memory.
 */
final class LocalCounters {

    private final Map<String, long[]> counters = new HashMap<>();
    private long lastSweep;

    /** @return like the script: {@code [-1, counts...]} when allowed, {@code [index, count]} when a limit is exhausted */
    synchronized long[] checkAndCount(String failedKey, long failedLimit, List<Limit> limits, long now) {
        sweep(now);
        long failed = count(failedKey);
        if (failed >= failedLimit) {
            return new long[]{0, failed};
        }
        for (int i = 0; i < limits.size(); i++) {
            long count = count(limits.get(i).counterKey(now));
            if (count >= limits.get(i).limit()) {
                return new long[]{i + 1, count};
            }
        }
        long[] result = new long[limits.size() + 1];
        result[0] = -1;
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            long[] slot = counters.computeIfAbsent(limit.counterKey(now), k -> new long[]{0, limit.resetAt(now)});
            result[i + 1] = ++slot[0];
        }
        return result;
    }

    synchronized long increment(String key, long expiresAt) {
        long[] slot = counters.computeIfAbsent(key, k -> new long[]{0, expiresAt});
        return ++slot[0];
    }

    synchronized long count(String key) {
        long[] slot = counters.get(key);
        return slot == null ? 0 : slot[0];
    }

    private void sweep(long now) {
        if (now == lastSweep) {
            return;
        }
        lastSweep = now;
        counters.values().removeIf(slot -> slot[1] <= now);
    }
}
