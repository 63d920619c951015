package dev.supportplatform.chat.turn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers to repeated questions, per tenant, in Redis. Each tenant's keys include a generation number that a
 * knowledge-base change increments, so one INCR invalidates every cached answer of that tenant at once (old keys
 * expire on their own). Redis being down only costs the cache: lookups miss and stores are skipped.
 */
@Component
public class ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate redis;
    private final Duration ttl;

    public ResponseCache(StringRedisTemplate redis, @Value("${platform.cache.ttl:1h}") Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** What is cached: the answer and what it was built from. */
    public record Entry(String text, String model, String agent, int inputTokens, int outputTokens, double confidence,
                        java.util.List<CachedSource> sources) {
    }

    public record CachedSource(String chunkId, String documentId, String source, String title, String content, double score,
                               String articleId) {
    }

    public Optional<Entry> get(String tenant, String agent, String question) {
        try {
            String json = redis.opsForValue().get(key(tenant, agent, question));
            return json == null ? Optional.empty() : Optional.of(JSON.readValue(json, Entry.class));
        } catch (RuntimeException e) {
            log.warn("Response cache unavailable: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    public void put(String tenant, String agent, String question, Entry entry) {
        try {
            redis.opsForValue().set(key(tenant, agent, question), JSON.writeValueAsString(entry), ttl);
        } catch (RuntimeException e) {
            log.warn("Response cache unavailable: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Deletes every cached answer of the tenant: on a contact's erasure, since an answer cached from their question
     * cannot be told apart from the others (its key is a hash) and a generated answer may repeat what they wrote.
     */
    public void purge(String tenant) {
        ScanOptions matching = ScanOptions.scanOptions().match("chat:answer:" + globEscaped(tenant) + ":*").count(1000).build();
        java.util.List<String> batch = new java.util.ArrayList<>();
        try (Cursor<String> keys = redis.scan(matching)) {
            while (keys.hasNext()) {
                batch.add(keys.next());
                if (batch.size() == 500) {
                    redis.delete(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            redis.delete(batch);
        }
    }

    private static String globEscaped(String s) {
        return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Every cached answer of the tenant becomes unreachable (its knowledge changed). */
    public void invalidate(String tenant) {
        redis.opsForValue().increment(generationKey(tenant));
    }

    private String key(String tenant, String agent, String question) {
        String generation = redis.opsForValue().get(generationKey(tenant));
        return "chat:answer:" + tenant + ":" + (generation == null ? "0" : generation) + ":" + agent + ":" + hash(normalise(question));
    }

    private static String generationKey(String tenant) {
        return "chat:answer-gen:" + tenant;
    }

    static String normalise(String question) {
        return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
