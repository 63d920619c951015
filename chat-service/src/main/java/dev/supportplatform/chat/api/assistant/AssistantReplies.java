package dev.supportplatform.chat.api.assistant;

import dev.supportplatform.chat.tools.ToolEvent;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.turn.TurnService;
import dev.supportplatform.chat.unified.UnifiedChatService;
import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.Dialect;
import dev.supportplatform.common.dialect.ErrorBodies;
import dev.supportplatform.common.service.web.ApiException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What assistant.md's chat endpoints share, whatever the transport (JSON, SSE, WebSocket): reading the user's
 * message out of {@code messages}, the answer's metadata, a tool event and an error as the contract shows them.
 */
public final class AssistantReplies {

    static final String LANGUAGE = "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$";
    private static final Set<String> ROLES = Set.of("user", "assistant", "system");

    private AssistantReplies() {
    }

    public record ChatMessageBody(String role, String content, String timestamp, Map<String, Object> metadata) {
    }

    /** The latest user message of {@code messages}; earlier ones are not replayed (the conversation's stored history is the memory). */
    static String lastUserMessage(List<ChatMessageBody> messages) {
        if (messages == null) {
            return null;
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessageBody m = messages.get(i);
            if (m == null || m.role() == null || !ROLES.contains(m.role())) {
                throw ApiException.invalid("messages", "messages[" + i + "].role must be user, assistant or system");
            }
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessageBody m = messages.get(i);
            if ("user".equals(m.role()) && m.content() != null && !m.content().isBlank()) {
                return m.content();
            }
        }
        return null;
    }

    /** Refuses a message the turn would refuse, while the request can still be answered with a status code. */
    static void checkLength(String field, String text) {
        if (text.strip().length() > TurnService.MAX_MESSAGE_CHARS) {
            throw ApiException.invalid(field, field + " must be at most " + TurnService.MAX_MESSAGE_CHARS + " characters");
        }
    }

    /** The answer's metadata as UnifiedChatResponse, SSE's done event and the WebSocket's final text show it. */
    static Map<String, Object> metadata(UnifiedChatService.Reply reply) {
        TurnResult r = reply.turn();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("session_id", r.conversation() == null ? null : r.conversation().publicId());
        metadata.put("message_id", r.answerMessage() == null ? null : r.answerMessage().getId());
        metadata.put("agent_used", r.agent());
        metadata.put("model_used", r.model());
        metadata.put("intent", r.intent() == null ? null : r.intent().name().toLowerCase());
        metadata.put("confidence", r.confidence());
        metadata.put("sources", r.sourceIds());
        metadata.put("tokens_used", r.tokensUsed());
        metadata.put("cost", r.costUsd());
        metadata.put("cached", r.cached());
        metadata.put("escalated", r.escalated());
        metadata.put("escalation_reason", r.escalationReason());
        metadata.put("ticket_id", r.ticketId());
        metadata.put("handled_by_human", r.handledByHuman());
        if (r.interrupted()) {
            metadata.put("interrupted", true);
        }
        metadata.put("stt_engine", reply.sttEngine());
        metadata.put("tts_engine", reply.ttsEngine());
        if (reply.audioError() != null) {
            metadata.put("audio_error", reply.audioError());
        }
        metadata.put("timings_ms", reply.timings());
        metadata.put("response_time_ms", r.responseTimeMs());
        return metadata;
    }

    /** assistant.md's ToolEvent: tool, status, then args, latency_ms, result_preview, error_message where known. */
    static Map<String, Object> toolEvent(ToolEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", event.tool());
        out.put("status", event.status());
        putIfPresent(out, "args", event.args());
        putIfPresent(out, "latency_ms", event.latencyMs());
        putIfPresent(out, "result_preview", event.resultPreview());
        putIfPresent(out, "error_message", event.errorMessage());
        return out;
    }

    /** An error as the /v1 endpoints answer it ({@code detail}, {@code status_code}, {@code timestamp}). */
    static Map<String, Object> error(ApiError error) {
        return ErrorBodies.render(Dialect.forPath("/v1/chat/stream"), error, null, Instant.now(), 0);
    }

    static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
