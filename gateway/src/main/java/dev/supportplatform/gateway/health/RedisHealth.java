package dev.supportplatform.gateway.health;

import dev.supportplatform.gateway.ratelimit.RateLimiter;
import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Redis in the gateway's readiness, without taking the gateway out of service: rate limits fall back to per-replica
 * counters while Redis is down, so the indicator reports {@code DEGRADED} (served as 200) rather than DOWN, which
 * would make every replica unready at once.
 */
@Configuration(proxyBeanMethods = false)
public class RedisHealth {

    public static final Status DEGRADED = new Status("DEGRADED", "rate limits counted per replica while Redis is unreachable");

    @Bean("redis")
    ReactiveHealthIndicator redisHealthIndicator(ReactiveStringRedisTemplate redis, RateLimiter limiter) {
        return () -> redis.execute(connection -> connection.ping()).next()
                .timeout(Duration.ofSeconds(1))
                .map(pong -> limiter.degraded() ? Health.status(DEGRADED).build() : Health.up().build())
                .onErrorResume(e -> Mono.just(Health.status(DEGRADED).withDetail("error", e.getClass().getSimpleName()).build()));
    }

    /** Commands fail at once while disconnected instead of queueing, so the fallback takes over without waiting. */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
