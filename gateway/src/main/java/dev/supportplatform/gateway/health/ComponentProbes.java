package dev.supportplatform.gateway.health;

import dev.supportplatform.gateway.ratelimit.RateLimiter;
import dev.supportplatform.gateway.routing.ServiceUrls;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Probes what the platform depends on, each with a short timeout, all at once: every service's readiness, the
 * gateway's database and Redis. A snapshot is reused for a moment so that health polling cannot multiply load.
 */
@Component
public class ComponentProbes {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Duration REUSE = Duration.ofSeconds(2);

    /** One component's state and how long the probe took. */
    public record Probe(boolean up, double seconds, String details) {
    }

    /** @param services by service name (chat-service, ...) */
    public record Snapshot(Map<String, Probe> services, Probe database, Probe redis, boolean rateLimitDegraded) {
        public long servicesUp() {
            return services.values().stream().filter(Probe::up).count();
        }

        public boolean allUp() {
            return servicesUp() == services.size() && database.up() && redis.up() && !rateLimitDegraded;
        }
    }

    private final ServiceUrls urls;
    private final JdbcClient jdbc;
    private final ReactiveStringRedisTemplate redis;
    private final RateLimiter limiter;
    private final WebClient http = WebClient.builder().build();
    private final Mono<Snapshot> cached;

    public ComponentProbes(ServiceUrls urls, JdbcClient jdbc, ReactiveStringRedisTemplate redis, RateLimiter limiter) {
        this.urls = urls;
        this.jdbc = jdbc;
        this.redis = redis;
        this.limiter = limiter;
        this.cached = Mono.defer(this::probeAll).cache(REUSE);
    }

    public Mono<Snapshot> snapshot() {
        return cached;
    }

    private Mono<Snapshot> probeAll() {
        Mono<Map<String, Probe>> services = Flux.fromIterable(urls.byName().entrySet())
                .flatMap(e -> service(e.getValue()).map(p -> Map.entry(e.getKey(), p)))
                .collectList()
                .map(entries -> {
                    Map<String, Probe> byName = new LinkedHashMap<>();
                    urls.byName().keySet().forEach(name -> entries.stream().filter(en -> en.getKey().equals(name))
                            .findFirst().ifPresent(en -> byName.put(name, en.getValue())));
                    return byName;
                });
        return Mono.zip(services, database(), redis())
                .map(t -> new Snapshot(t.getT1(), t.getT2(), t.getT3(), limiter.degraded()));
    }

    private Mono<Probe> service(String baseUrl) {
        long started = System.nanoTime();
        return http.get().uri(baseUrl + "/actuator/health/readiness")
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(TIMEOUT)
                .map(up -> new Probe(up, since(started), up ? "ready" : "not ready"))
                .onErrorResume(e -> Mono.just(new Probe(false, since(started), "unreachable")));
    }

    private Mono<Probe> database() {
        long started = System.nanoTime();
        return Mono.fromCallable(() -> jdbc.sql("SELECT 1").query(Integer.class).single())
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT)
                .map(one -> new Probe(true, since(started), "PostgreSQL connection successful"))
                .onErrorResume(e -> Mono.just(new Probe(false, since(started), "PostgreSQL unreachable")));
    }

    private Mono<Probe> redis() {
        long started = System.nanoTime();
        return redis.execute(connection -> connection.ping()).next()
                .timeout(TIMEOUT)
                .map(pong -> new Probe(true, since(started), "Redis answers"))
                .onErrorResume(e -> Mono.just(new Probe(false, since(started), "Redis unreachable")));
    }

    private static double since(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }
}
