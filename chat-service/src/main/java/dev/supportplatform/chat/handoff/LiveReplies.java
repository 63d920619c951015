package dev.supportplatform.chat.handoff;

import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.Message;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live listeners of a conversation (SSE): a human agent's reply is pushed to them as it is stored. Listeners are
 * per instance; a client reconnecting elsewhere reads missed messages through the REST endpoints. Other live
 * transports (the WebSocket) register a {@link Listener} and deliver the reply their own way.
 */
@Component
public class LiveReplies {

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private final List<Listener> transports = new CopyOnWriteArrayList<>();

    /** Hears every human agent reply stored on this instance. */
    @FunctionalInterface
    public interface Listener {
        void agentReplied(String tenant, Conversation conversation, Message message);
    }

    public void addListener(Listener listener) {
        transports.add(listener);
    }

    public void publish(String tenant, Conversation conversation, Message message) {
        publish(tenant, conversation.getId(), message);
        for (Listener listener : transports) {
            try {
                listener.agentReplied(tenant, conversation, message);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LiveReplies.class).warn("Delivering an agent reply live failed: {}", e.toString());
            }
        }
    }

    public SseEmitter subscribe(String tenant, UUID conversationId) {
        SseEmitter emitter = new SseEmitter(0L);
        String key = tenant + ":" + conversationId;
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(emitter);
        Runnable remove = () -> listeners.getOrDefault(key, List.of()).remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        return emitter;
    }

    public void publish(String tenant, UUID conversationId, Message message) {
        for (SseEmitter emitter : listeners.getOrDefault(tenant + ":" + conversationId, List.of())) {
            try {
                emitter.send(SseEmitter.event().name("agent_message").data(Map.of("id", message.getId(), "role", "agent",
                        "content", message.getContent(), "timestamp", message.getCreatedAt().toString())));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }
    }
}
