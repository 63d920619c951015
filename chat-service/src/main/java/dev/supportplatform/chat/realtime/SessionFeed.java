package dev.supportplatform.chat.realtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything said to one chat session's live connections (the streamed answer, a human agent's reply, what another
 * connection of the session sent) and the request to stop the session's answer, delivered to each of them on every
 * replica: published on a Redis channel named by tenant and session, which every replica listens to and hands to its
 * own connections of that session. The tenant is part of the channel, so sessions with the same id in two tenants
 * never hear each other. Redis being down degrades to this replica's connections only.
 * <p>
 * On the channel each publication is {@code kind \n sender \n message}: {@code say} (deliver the message to every
 * member except the sender, when one is named) or {@code stop} (every member stops the answer it is running).
 */
public class SessionFeed implements MessageListener {

    public static final String CHANNEL_PREFIX = "chat:session:";
    private static final Logger log = LoggerFactory.getLogger(SessionFeed.class);
    private static final String SAY = "say";
    private static final String STOP = "stop";

    /** A live connection of a session. */
    public interface Member {

        /** A message for the client. */
        void hear(String message);

        /** Someone asked to stop the session's answer: stop the one this member is running, if any. */
        void stopAnswer();
    }

    private final StringRedisTemplate redis;
    private final Map<String, Map<String, Member>> members = new ConcurrentHashMap<>();

    public SessionFeed(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Tenant and session are encoded so that no pair of them can name another pair's channel. */
    public static String channel(String tenant, String sessionId) {
        return CHANNEL_PREFIX + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
    }

    /**
     * {@code member} hears the session from now on, until the returned handle is closed.
     *
     * @param memberId unique among all members on all replicas (a connection id with a replica-unique part)
     */
    public AutoCloseable join(String tenant, String sessionId, String memberId, Member member) {
        String channel = channel(tenant, sessionId);
        members.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).put(memberId, member);
        return () -> members.computeIfPresent(channel, (c, map) -> {
            map.remove(memberId);
            return map.isEmpty() ? null : map;
        });
    }

    /** To every member of the session. */
    public void publish(String tenant, String sessionId, String message) {
        send(channel(tenant, sessionId), SAY, "", message);
    }

    /** To every member of the session but {@code senderId}. */
    public void publishFrom(String tenant, String sessionId, String senderId, String message) {
        send(channel(tenant, sessionId), SAY, senderId, message);
    }

    /** Every member of the session, on every replica, stops the answer it is running. */
    public void stopAnswers(String tenant, String sessionId) {
        send(channel(tenant, sessionId), STOP, "", "");
    }

    /** How many of this replica's connections listen to the session. */
    public int localMembers(String tenant, String sessionId) {
        return members.getOrDefault(channel(tenant, sessionId), Map.of()).size();
    }

    private void send(String channel, String kind, String senderId, String message) {
        String publication = kind + "\n" + senderId + "\n" + message;
        try {
            redis.convertAndSend(channel, publication);
        } catch (RuntimeException e) {
            log.warn("Publishing to {} failed ({}); delivering to this replica's connections only", channel, e.getClass().getSimpleName());
            deliver(channel, publication);
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        deliver(new String(message.getChannel(), StandardCharsets.UTF_8), new String(message.getBody(), StandardCharsets.UTF_8));
    }

    private void deliver(String channel, String publication) {
        int kindEnd = publication.indexOf('\n');
        int senderEnd = kindEnd < 0 ? -1 : publication.indexOf('\n', kindEnd + 1);
        if (senderEnd < 0) {
            log.debug("Ignoring a malformed publication on {}", channel);
            return;
        }
        String kind = publication.substring(0, kindEnd);
        String senderId = publication.substring(kindEnd + 1, senderEnd);
        String message = publication.substring(senderEnd + 1);
        for (Map.Entry<String, Member> member : members.getOrDefault(channel, Map.of()).entrySet()) {
            try {
                if (STOP.equals(kind)) {
                    member.getValue().stopAnswer();
                } else if (SAY.equals(kind) && !member.getKey().equals(senderId)) {
                    member.getValue().hear(message);
                }
            } catch (RuntimeException e) {
                log.debug("A member of {} failed: {}", channel, e.toString());
            }
        }
    }
}
