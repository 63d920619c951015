package dev.supportplatform.chat.realtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Everything said to one chat session's live connections (the streamed answer, a human agent's reply), delivered to
 * each of them on every replica: published on a Redis channel named by tenant and session, which every replica
 * listens to and hands to its own connections of that session. The tenant is part of the channel, so sessions with
 * the same id in two tenants never hear each other. Redis being down degrades to this replica's connections only.
 */
public class SessionFeed implements MessageListener {

    public static final String CHANNEL_PREFIX = "chat:session:";
    private static final Logger log = LoggerFactory.getLogger(SessionFeed.class);

    private final StringRedisTemplate redis;
    private final Map<String, Set<Consumer<String>>> receivers = new ConcurrentHashMap<>();

    public SessionFeed(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Tenant and session are encoded so that no pair of them can name another pair's channel. */
    public static String channel(String tenant, String sessionId) {
        return CHANNEL_PREFIX + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
    }

    /** {@code receiver} hears every message of the session from now on, until the returned handle is closed. */
    public AutoCloseable subscribe(String tenant, String sessionId, Consumer<String> receiver) {
        String channel = channel(tenant, sessionId);
        receivers.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(receiver);
        return () -> receivers.computeIfPresent(channel, (c, set) -> {
            set.remove(receiver);
            return set.isEmpty() ? null : set;
        });
    }

    public void publish(String tenant, String sessionId, String message) {
        String channel = channel(tenant, sessionId);
        try {
            redis.convertAndSend(channel, message);
        } catch (RuntimeException e) {
            log.warn("Publishing to {} failed ({}); delivering to this replica's connections only", channel, e.getClass().getSimpleName());
            deliver(channel, message);
        }
    }

    /** How many of this replica's connections listen to the session. */
    public int localReceivers(String tenant, String sessionId) {
        return receivers.getOrDefault(channel(tenant, sessionId), Set.of()).size();
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        deliver(new String(message.getChannel(), StandardCharsets.UTF_8), new String(message.getBody(), StandardCharsets.UTF_8));
    }

    private void deliver(String channel, String message) {
        for (Consumer<String> receiver : receivers.getOrDefault(channel, Set.of())) {
            try {
                receiver.accept(message);
            } catch (RuntimeException e) {
                log.debug("A receiver of {} failed: {}", channel, e.toString());
            }
        }
    }
}
