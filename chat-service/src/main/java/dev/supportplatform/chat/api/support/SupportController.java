package dev.supportplatform.chat.api.support;

import dev.supportplatform.chat.api.Paging;
import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.conversation.Feedback;
import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.turn.TurnRequest;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.turn.TurnService;
import dev.supportplatform.common.service.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** support.md: POST /api/query, the /api/session endpoints, POST /api/test/query, and session feedback. */
@RestController
public class SupportController {

    private final TurnService turns;
    private final ConversationService conversations;

    public SupportController(TurnService turns, ConversationService conversations) {
        this.turns = turns;
        this.conversations = conversations;
    }

    public record QueryBody(String query, @NotBlank @Size(max = 200) String sessionId, @NotBlank @Size(max = 200) String customerId) {
    }

    @PostMapping("/api/query")
    public Map<String, Object> query(@Valid @RequestBody QueryBody body) {
        return render(turns.handle(TurnRequest.of(body.sessionId(), body.customerId(), "api", body.query(), "query")));
    }

    /** Runs the scoring, routing, local answer and escalation decision without storing anything or calling other services. */
    public record TestQueryBody(String query, @Size(max = 200) String sessionId, @Size(max = 200) String customerId) {
    }

    @PostMapping("/api/test/query")
    public Map<String, Object> testQuery(@Valid @RequestBody TestQueryBody body) {
        Map<String, Object> out = render(turns.handle(TurnRequest.of(body.sessionId(), body.customerId(), "test", body.query(), "query")
                .asDryRun()));
        out.put("test_mode", true);
        return out;
    }

    static Map<String, Object> render(TurnResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("response", r.response());
        out.put("model_used", r.model());
        out.put("sentiment_score", r.sentiment());
        out.put("complexity_score", r.complexity());
        out.put("intent", r.intentName());
        out.put("intent_confidence", r.intentConfidence());
        out.put("response_time_ms", r.responseTimeMs());
        out.put("escalated", r.escalated());
        out.put("escalation_reason", r.escalationReason());
        out.put("ticket_id", r.ticketId());
        out.put("cached", r.cached());
        out.put("session_id", r.conversation() == null ? null : r.conversation().publicId());
        out.put("agent_used", r.agent());
        out.put("confidence", r.confidence());
        out.put("tokens_used", r.tokensUsed());
        out.put("cost", r.costUsd());
        out.put("sources", r.sourceIds());
        return out;
    }

    public record SessionBody(@NotBlank @Size(max = 200) String customerId, @Size(max = 200) String sessionId) {
    }

    @PostMapping("/api/session")
    public Map<String, Object> createSession(@Valid @RequestBody SessionBody body) {
        if (body.sessionId() != null && conversations.find(body.sessionId()).isPresent()) {
            throw ApiException.conflict("Session " + body.sessionId() + " already exists");
        }
        Conversation c = conversations.open(new ConversationService.OpenRequest(
                body.sessionId() != null ? body.sessionId() : "sess_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                body.customerId(), "api", "Support session", null)).conversation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session_id", c.publicId());
        out.put("customer_id", c.getContactExternalId());
        out.put("created_at", c.getCreatedAt().toString());
        out.put("status", c.getStatus());
        return out;
    }

    @GetMapping("/api/session/{sessionId}")
    public Map<String, Object> session(@PathVariable String sessionId, @RequestParam(defaultValue = "100") int limit,
                                       @RequestParam(defaultValue = "0") int offset) {
        Conversation c = conversations.require(sessionId);
        var page = conversations.messages(c.getId(), Paging.offset(offset), Paging.limit(limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session_id", c.publicId());
        out.put("customer_id", c.getContactExternalId());
        out.put("created_at", c.getCreatedAt().toString());
        out.put("updated_at", c.getUpdatedAt().toString());
        out.put("status", c.getStatus());
        out.put("messages", page.getContent().stream().map(SupportController::message).toList());
        out.put("total_messages", page.getTotalElements());
        List<Map<String, Object>> escalations = c.getTicketId() == null && !c.isEscalated() ? List.of() : List.of(escalation(c));
        out.put("escalations", escalations);
        return out;
    }

    private static Map<String, Object> escalation(Conversation c) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ticket_id", c.getTicketId());
        e.put("reason", c.getEscalationReason());
        e.put("created_at", c.getUpdatedAt().toString());
        e.put("status", c.getTicketStatus());
        return e;
    }

    private static Map<String, Object> message(Message m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(m.getId()));
        out.put("timestamp", m.getCreatedAt().toString());
        out.put("role", Message.USER.equals(m.getSender()) ? "user" : Message.AGENT.equals(m.getSender()) ? "agent" : "assistant");
        out.put("content", m.getContent());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("model_used", m.getModel());
        metadata.put("sentiment_score", m.getSentimentScore());
        metadata.put("complexity_score", m.getComplexityScore());
        if (m.getIntent() != null) {
            metadata.put("intent", m.getIntent());
            metadata.put("intent_confidence", m.getIntentConfidence());
        }
        out.put("metadata", metadata);
        return out;
    }

    @DeleteMapping("/api/session/{sessionId}")
    public Map<String, Object> close(@PathVariable String sessionId) {
        Conversation c = conversations.close(conversations.require(sessionId).getId());
        conversations.update(c.getId(), new ConversationService.Changes(null, null, true, null, null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Session closed successfully");
        out.put("session_id", c.publicId());
        out.put("archived_at", c.getClosedAt().toString());
        return out;
    }

    /** Not in support.md: rate a session 1-5 with a comment (emits feedback.submitted). */
    public record FeedbackBody(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 4000) String comment, Long messageId) {
    }

    @PostMapping("/api/session/{sessionId}/feedback")
    public Map<String, Object> feedback(@PathVariable String sessionId, @Valid @RequestBody FeedbackBody body) {
        Conversation c = conversations.require(sessionId);
        Feedback f = conversations.rate(c.getId(), body.messageId(), body.rating(), body.comment());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("feedback_id", f.getId());
        out.put("session_id", c.publicId());
        out.put("rating", f.getRating());
        out.put("comment", f.getComment());
        out.put("created_at", f.getCreatedAt().toString());
        return out;
    }
}
