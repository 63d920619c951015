package dev.supportplatform.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;

/**
 * Pushes credential revocations to every gateway replica over Redis pub/sub, so that a revoked or rotated key stops
 * working everywhere within milliseconds instead of when caches expire. While a replica is not subscribed (Redis
 * down) it may miss messages, so on every (re)subscription it drops its whole cache.
 */
@Component
public class CredentialEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CredentialEvents.class);
    static final String CHANNEL = "gateway:credentials:revoked";

    private final ReactiveRedisConnectionFactory connectionFactory;
    private final ReactiveStringRedisTemplate redis;
    private final CredentialCache cache;
    private volatile ReactiveRedisMessageListenerContainer container;
    private Disposable subscription;

    public CredentialEvents(ReactiveRedisConnectionFactory connectionFactory, ReactiveStringRedisTemplate redis,
                            CredentialCache cache) {
        this.connectionFactory = connectionFactory;
        this.redis = redis;
        this.cache = cache;
    }

    /** Evicts {@code hash} here at once and tells the other replicas. */
    public Mono<Void> revoked(String hash) {
        cache.evict(hash);
        return redis.convertAndSend(CHANNEL, hash)
                .timeout(Duration.ofSeconds(1))
                .doOnError(e -> log.warn("Could not broadcast a credential revocation: {}", e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    @Override
    public void start() {
        // The container connects when created, so it is made inside the retried subscription: a gateway that starts
        // while Redis is down keeps trying in the background instead of failing to start.
        subscription = Mono.defer(() -> {
                    replaceContainer(new ReactiveRedisMessageListenerContainer(connectionFactory));
                    return container.receiveLater(ChannelTopic.of(CHANNEL));
                })
                .flatMapMany(messages -> {
                    cache.evictAll();
                    return messages;
                })
                .doOnError(e -> replaceContainer(null))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2)))
                .subscribe(message -> cache.evict(message.getMessage()),
                        e -> log.error("Credential revocation listener stopped", e));
    }

    private synchronized void replaceContainer(ReactiveRedisMessageListenerContainer next) {
        if (container != null) {
            container.destroyLater().onErrorComplete().subscribe();
        }
        container = next;
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
        replaceContainer(null);
        subscription = null;
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
