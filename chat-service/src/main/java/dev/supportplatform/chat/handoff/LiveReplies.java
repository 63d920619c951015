package dev.supportplatform.chat.handoff;

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
 * per instance; a client reconnecting elsewhere reads missed messages through the REST endpoints.
 */
@Component
public class LiveReplies {

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();

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
