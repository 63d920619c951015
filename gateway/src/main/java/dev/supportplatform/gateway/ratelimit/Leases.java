package dev.supportplatform.gateway.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This replica's share of the shared Redis counters: for each counter (a limit's window), the tokens it reserved in
 * Redis and has not handed out yet, and the counter's value when it last reserved. A request that finds a token for
 * each of its limits is decided here without Redis; the others reserve more (see {@link RateLimiter}). Reserved
 * tokens count in Redis as used, so the replicas together never admit more than a limit; tokens a replica still holds
 * when a window ends are lost, and the lease size shrinks as a window fills so that this stays a few requests.
 * Counters whose window is exhausted, and IPs locked out for failed credentials, are remembered until the window ends.
 */
final class Leases {

    /** One counter in one window: tokens reserved here and not yet used, the Redis count after the last reservation. */
    private static final class Lease {
        final long resetAt;
        long tokens;
        long knownCount;
        boolean exhausted;

        Lease(long resetAt) {
            this.resetAt = resetAt;
        }
    }

    /** What {@link #take} did: decided (allowed or refused), or took the tokens it could and needs the rest. */
    record Take(Decision decision, List<Integer> held, List<Integer> needed) {
    }

    private final Map<String, Lease> leases = new HashMap<>();
    private long lastSweep;

    /**
     * Takes a token for each limit. Refuses when the IP is locked out or a limit is known to be exhausted; allows when
     * every limit had a token; otherwise keeps the tokens it took ({@code held}) and names the limits still needing one.
     */
    synchronized Take take(Limit failedLimit, List<Limit> limits, long now) {
        sweep(now);
        Lease failures = leases.get(failedLimit.counterKey(now));
        if (failures != null && failures.exhausted) {
            return new Take(RateLimiter.refused(failedLimit, now), List.of(), List.of());
        }
        for (Limit limit : limits) {
            Lease lease = leases.get(limit.counterKey(now));
            if (lease != null && lease.exhausted) {
                return new Take(RateLimiter.refused(limit, now), List.of(), List.of());
            }
        }
        List<Integer> held = new ArrayList<>(limits.size());
        List<Integer> needed = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            Lease lease = leases.get(limits.get(i).counterKey(now));
            if (lease != null && lease.tokens > 0) {
                lease.tokens--;
                held.add(i);
            } else {
                needed.add(i);
            }
        }
        return new Take(needed.isEmpty() ? allowed(limits, now) : null, held, needed);
    }

    /** Redis reserved {@code granted[k]} tokens for {@code needed[k]}, the counter then being {@code counts[k]}. */
    synchronized Decision reserved(List<Limit> limits, List<Integer> needed, long[] counts, long[] granted, long now) {
        for (int k = 0; k < needed.size(); k++) {
            Limit limit = limits.get(needed.get(k));
            Lease lease = leases.computeIfAbsent(limit.counterKey(now), key -> new Lease(limit.resetAt(now)));
            lease.tokens += granted[k] - 1; // one is this request's
            lease.knownCount = Math.max(lease.knownCount, counts[k]);
        }
        return allowed(limits, now);
    }

    /** Redis found {@code limit} exhausted at {@code count}: remember it, and put back the tokens {@code take} held. */
    synchronized void exhausted(Limit limit, long count, List<Limit> limits, List<Integer> held, long now) {
        Lease lease = leases.computeIfAbsent(limit.counterKey(now), key -> new Lease(limit.resetAt(now)));
        lease.exhausted = true;
        lease.knownCount = Math.max(lease.knownCount, count);
        giveBack(limits, held, now);
    }

    /** Puts back tokens a request took but did not use (Redis failed, or another limit refused it). */
    synchronized void giveBack(List<Limit> limits, List<Integer> held, long now) {
        for (int i : held) {
            Lease lease = leases.get(limits.get(i).counterKey(now));
            if (lease != null) {
                lease.tokens++;
            }
        }
    }

    /** The IP's failed credential attempts in this window, as Redis counted them. */
    synchronized void failures(Limit failedLimit, long count, long now) {
        if (count >= failedLimit.limit()) {
            Lease lease = leases.computeIfAbsent(failedLimit.counterKey(now), key -> new Lease(failedLimit.resetAt(now)));
            lease.exhausted = true;
            lease.knownCount = count;
        }
    }

    /**
     * The headers' view of the first limit: what is left of it for this replica's clients, counting every token
     * reserved by any replica as used except the ones this replica still holds.
     */
    private Decision allowed(List<Limit> limits, long now) {
        Limit reported = limits.getFirst();
        Lease lease = leases.get(reported.counterKey(now));
        long remaining = lease == null ? reported.limit() : reported.limit() - lease.knownCount + lease.tokens;
        return new Decision(true, reported, Math.max(0, remaining), reported.resetAt(now), now);
    }

    private void sweep(long now) {
        if (now == lastSweep) {
            return;
        }
        lastSweep = now;
        leases.values().removeIf(lease -> lease.resetAt <= now);
    }
}
