package dev.supportplatform.chat.api.agents;

import dev.supportplatform.chat.api.Paging;
import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.model.Passage;
import dev.supportplatform.chat.persona.BuiltInAgents;
import dev.supportplatform.chat.turn.TurnRequest;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.turn.TurnService;
import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.service.web.RequestTiming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** agents.md: POST /chat and GET /crm/conversations/{user_id}. */
@RestController
public class AgentsChatController {

    private final TurnService turns;
    private final ConversationService conversations;

    public AgentsChatController(TurnService turns, ConversationService conversations) {
        this.turns = turns;
        this.conversations = conversations;
    }

    /** {@code agent} is an extension: a built-in agent or persona to answer instead of automatic routing. */
    public record ChatBody(String message, @NotBlank @Size(max = 200) String userId, @Size(max = 200) String conversationId,
                           String sessionToken, Map<String, Object> context, String agent) {
    }

    @PostMapping("/chat")
    public Map<String, Object> chat(@Valid @RequestBody ChatBody body) {
        TurnResult r = turns.handle(TurnRequest.of(body.conversationId(), body.userId(), "chat", body.message(), "message")
                .withAgent(body.agent()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("response", r.response());
        out.put("conversation_id", r.conversation().publicId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", body.userId());
        user.put("name", r.contact() == null ? null : r.contact().name());
        user.put("email", r.contact() == null ? null : r.contact().email());
        user.put("company", r.contact() == null ? null : r.contact().company());
        out.put("user_info", user);
        out.put("rag_context", r.retrieved().stream().map(AgentsChatController::ragItem).toList());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("response_time", r.responseTimeMs() / 1000.0);
        metadata.put("tokens_used", r.tokensUsed());
        metadata.put("agent_used", r.agent());
        metadata.put("rag_documents_retrieved", r.retrieved().size());
        metadata.put("openai_model", r.model());
        metadata.put("conversation_length", r.conversationLength());
        metadata.put("timestamp", r.at().toString());
        metadata.put("request_id", RequestTiming.currentRequestId());
        metadata.put("sentiment_score", r.sentiment());
        metadata.put("complexity_score", r.complexity());
        metadata.put("intent", r.intentName());
        metadata.put("intent_confidence", r.intentConfidence());
        metadata.put("confidence", r.confidence());
        metadata.put("escalated", r.escalated());
        metadata.put("escalation_reason", r.escalationReason());
        metadata.put("ticket_id", r.ticketId());
        metadata.put("cached", r.cached());
        metadata.put("cost", r.costUsd());
        metadata.put("message_id", r.answerMessage() == null ? null : r.answerMessage().getId());
        out.put("metadata", metadata);
        return out;
    }

    static Map<String, Object> ragItem(Passage p) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("content", p.content());
        item.put("source", p.source());
        item.put("score", p.score());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("filename", p.source());
        meta.put("chunk_id", p.chunkId());
        meta.put("document_id", p.documentId());
        item.put("metadata", meta);
        return item;
    }

    @GetMapping("/crm/conversations/{userId}")
    public Map<String, Object> forUser(@PathVariable String userId, @RequestParam(defaultValue = "1") int page,
                                       @RequestParam(name = "per_page", defaultValue = "10") int perPage) {
        int offset = Paging.pageOffset(page, perPage);
        Page<Conversation> found = conversations.listForContact(userId, offset, perPage);
        List<Map<String, Object>> items = found.getContent().stream().map(this::summary).toList();
        return Envelopes.agentsPage(items, page, perPage, found.getTotalElements(), RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    private Map<String, Object> summary(Conversation c) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", c.publicId());
        item.put("title", c.getTitle());
        item.put("status", c.isArchived() ? "archived" : Conversation.CLOSED.equals(c.getStatus()) ? "completed" : "active");
        item.put("category", category(c.getAgent()));
        item.put("created_at", c.getCreatedAt().toString());
        item.put("updated_at", c.getUpdatedAt().toString());
        item.put("message_count", c.getTotalMessages());
        item.put("last_message", conversations.lastMessage(c.getId()).map(m -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("content", m.getContent());
            last.put("type", Message.USER.equals(m.getSender()) ? "user" : "assistant");
            last.put("created_at", m.getCreatedAt().toString());
            return (Object) last;
        }).orElse(null));
        return item;
    }

    private static String category(String agent) {
        if (BuiltInAgents.SALES.equals(agent)) {
            return "sales";
        }
        if (BuiltInAgents.SUPPORT.equals(agent)) {
            return "support";
        }
        return "general";
    }
}
