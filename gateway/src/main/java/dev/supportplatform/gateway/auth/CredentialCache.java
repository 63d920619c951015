package dev.supportplatform.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolved stored credentials (API keys, sessions) by secret hash, so that the hot path does no database I/O.
 * Unknown secrets are remembered briefly too. Entries are evicted at once on revocation, here and, through
 * {@link CredentialEvents}, on every other replica; a lookup that raced with an eviction is not cached.
 */
@Component
public class CredentialCache {

    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

    private final Cache<String, Optional<Caller>> cache;
    private final AtomicLong evictions = new AtomicLong();

    public CredentialCache(AuthProperties properties) {
        Duration positiveTtl = properties.keyCacheTtl();
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Optional<Caller>>creating((hash, caller) ->
                        caller.isPresent() ? positiveTtl : NEGATIVE_TTL))
                .build();
    }

    /** The caller for {@code hash}, from the cache or by running {@code lookup} (blocking) on a bounded-elastic thread. */
    public Mono<Caller> get(String hash, Callable<Optional<Caller>> lookup) {
        Optional<Caller> cached = cache.getIfPresent(hash);
        if (cached != null) {
            return Mono.justOrEmpty(cached);
        }
        long generation = evictions.get();
        return Mono.fromCallable(lookup)
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(found -> {
                    if (evictions.get() == generation) {
                        cache.put(hash, found);
                    }
                })
                .flatMap(Mono::justOrEmpty);
    }

    public void evict(String hash) {
        evictions.incrementAndGet();
        cache.invalidate(hash);
    }

    public void evictAll() {
        evictions.incrementAndGet();
        cache.invalidateAll();
    }
}
