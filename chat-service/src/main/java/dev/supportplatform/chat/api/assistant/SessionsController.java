package dev.supportplatform.chat.api.assistant;

import dev.supportplatform.chat.api.Paging;
import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.conversation.Message;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** assistant.md: GET /v1/sessions, GET /v1/sessions/{id}/messages, DELETE /v1/sessions/{id}. */
@RestController
public class SessionsController {

    private final ConversationService conversations;

    public SessionsController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/v1/sessions")
    public Map<String, Object> sessions(@RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "0") int offset) {
        Page<Conversation> page = conversations.list(Paging.offset(offset), Paging.limit(limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sessions", page.getContent().stream().map(c -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", c.getNumber());
            s.put("external_id", c.publicId());
            s.put("created_at", c.getCreatedAt().toString());
            s.put("message_count", c.getTotalMessages());
            s.put("last_activity", (c.getLastMessageAt() != null ? c.getLastMessageAt() : c.getUpdatedAt()).toString());
            return s;
        }).toList());
        out.put("total", page.getTotalElements());
        out.put("limit", limit);
        out.put("offset", offset);
        return out;
    }

    @GetMapping("/v1/sessions/{sessionId}/messages")
    public Map<String, Object> messages(@PathVariable String sessionId, @RequestParam(defaultValue = "100") int limit,
                                        @RequestParam(defaultValue = "0") int offset) {
        Conversation c = conversations.require(sessionId);
        Page<Message> page = conversations.messages(c.getId(), Paging.offset(offset), Paging.limit(limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", page.getContent().stream().map(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", m.getId());
            item.put("role", Message.USER.equals(m.getSender()) ? "user" : "assistant");
            item.put("content", m.getContent());
            item.put("timestamp", m.getCreatedAt().toString());
            if (Message.AGENT.equals(m.getSender())) {
                item.put("metadata", Map.of("sender", "human_agent"));
            }
            return item;
        }).toList());
        out.put("total", page.getTotalElements());
        out.put("limit", limit);
        out.put("offset", offset);
        return out;
    }

    @DeleteMapping("/v1/sessions/{sessionId}")
    public Map<String, Object> delete(@PathVariable String sessionId) {
        int deleted = conversations.delete(conversations.require(sessionId).getId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "success");
        out.put("deleted_messages", deleted);
        return out;
    }
}
