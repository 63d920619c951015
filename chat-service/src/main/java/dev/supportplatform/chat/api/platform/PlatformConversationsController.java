package dev.supportplatform.chat.api.platform;

import dev.supportplatform.chat.api.Paging;
import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.conversation.Feedback;
import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.handoff.LiveReplies;
import dev.supportplatform.chat.turn.TurnRequest;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.turn.TurnService;
import dev.supportplatform.common.service.identity.IdentityContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.LinkedHashMap;
import java.util.Map;

/** platform.md: POST /api/v1/conversations, GET /api/v1/conversations/{id}, plus feedback and live agent replies. */
@RestController
public class PlatformConversationsController {

    private final TurnService turns;
    private final ConversationService conversations;
    private final LiveReplies live;

    public PlatformConversationsController(TurnService turns, ConversationService conversations, LiveReplies live) {
        this.turns = turns;
        this.conversations = conversations;
        this.live = live;
    }

    /** {@code conversation_id} (optional) continues or names a conversation; {@code agent} picks an agent or persona. */
    public record MessageBody(String message, @NotBlank @Size(max = 200) String userId, @Size(max = 50) String channel,
                              @Size(max = 200) String conversationId, Map<String, Object> metadata, String agent) {
    }

    @PostMapping("/api/v1/conversations")
    public Map<String, Object> send(@Valid @RequestBody MessageBody body) {
        Map<String, Object> meta = body.metadata() == null ? Map.of() : body.metadata();
        TurnResult r = turns.handle(TurnRequest.of(body.conversationId(), body.userId(), body.channel() == null ? "chat" : body.channel(),
                        body.message(), "message").withAgent(body.agent())
                .withContactDetails(text(meta.get("user_name")), text(meta.get("user_email"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversation_id", r.conversation().publicId());
        out.put("response", r.response());
        out.put("confidence", r.confidence());
        out.put("sources", r.sourceIds());
        out.put("escalated", r.escalated());
        out.put("timestamp", r.at().toString());
        out.put("escalation_reason", r.escalationReason());
        out.put("ticket_id", r.ticketId());
        out.put("message_id", r.answerMessage() == null ? null : "msg_" + r.answerMessage().getId());
        out.put("agent_used", r.agent());
        out.put("model_used", r.model());
        out.put("tokens_used", r.tokensUsed());
        out.put("cost", r.costUsd());
        out.put("cached", r.cached());
        out.put("sentiment_score", r.sentiment());
        out.put("complexity_score", r.complexity());
        out.put("intent", r.intentName());
        out.put("intent_confidence", r.intentConfidence());
        return out;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @GetMapping("/api/v1/conversations/{conversationId}")
    public Map<String, Object> get(@PathVariable String conversationId, @RequestParam(defaultValue = "100") int limit,
                                   @RequestParam(defaultValue = "0") int offset) {
        Conversation c = conversations.require(conversationId);
        Page<Message> page = conversations.messages(c.getId(), Paging.offset(offset), Paging.limit(limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversation_id", c.publicId());
        out.put("user_id", c.getContactExternalId());
        out.put("channel", c.getChannel());
        out.put("messages", page.getContent().stream().map(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", "msg_" + m.getId());
            item.put("sender", Message.USER.equals(m.getSender()) ? "user" : Message.AGENT.equals(m.getSender()) ? "agent" : "ai");
            item.put("content", m.getContent());
            if (m.getConfidence() != null && Message.ASSISTANT.equals(m.getSender())) {
                item.put("confidence", m.getConfidence());
            }
            item.put("timestamp", m.getCreatedAt().toString());
            return item;
        }).toList());
        out.put("status", c.humanHandling() ? "escalated" : c.getStatus());
        out.put("created_at", c.getCreatedAt().toString());
        out.put("escalated", c.isEscalated());
        out.put("ticket_id", c.getTicketId());
        out.put("total_messages", page.getTotalElements());
        out.put("limit", limit);
        out.put("offset", offset);
        return out;
    }

    /** Rates a conversation 1-5 with an optional comment (emits feedback.submitted). */
    public record FeedbackBody(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 4000) String comment, String messageId) {
    }

    @PostMapping("/api/v1/conversations/{conversationId}/feedback")
    public Map<String, Object> feedback(@PathVariable String conversationId, @Valid @RequestBody FeedbackBody body) {
        Conversation c = conversations.require(conversationId);
        Long messageId = null;
        if (body.messageId() != null) {
            String digits = body.messageId().startsWith("msg_") ? body.messageId().substring(4) : body.messageId();
            if (!digits.matches("\\d{1,18}")) {
                throw dev.supportplatform.common.service.web.ApiException.invalid("message_id", "message_id must look like msg_123");
            }
            messageId = Long.parseLong(digits);
        }
        Feedback f = conversations.rate(c.getId(), messageId, body.rating(), body.comment());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("feedback_id", "fb_" + f.getId());
        out.put("conversation_id", c.publicId());
        out.put("rating", f.getRating());
        out.put("comment", f.getComment());
        out.put("created_at", f.getCreatedAt().toString());
        return out;
    }

    /** Server-sent events: a human agent's replies to this conversation as they arrive. */
    @GetMapping(value = "/api/v1/conversations/{conversationId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@PathVariable String conversationId) {
        Conversation c = conversations.require(conversationId);
        return live.subscribe(IdentityContext.requireTenant(), c.getId());
    }
}
