package dev.supportplatform.escalation.webhook;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.events.payload.EscalationEvents;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events a subscription can choose and their request bodies: {@code {event, timestamp, data}}, with data fields
 * as support.md (escalation.created, session.closed) and platform.md (conversation.*, message.received,
 * feedback.submitted) show them. Ids of people are the external ids clients know (user_id / customer_id).
 */
public final class WebhookEvents {

    public static final List<String> SUPPORTED = List.of("escalation.created", "session.closed", "conversation.created",
            "conversation.escalated", "conversation.resolved", "message.received", "feedback.submitted");

    public static final String PING = "ping";

    /** Bodies are built once and sent byte for byte as signed; field order is fixed for readability. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookEvents() {
    }

    /** A body ready to send, and the contact it is about (for erasure). */
    public record Body(String event, String json, String contactId) {
    }

    public static Optional<Body> bodyFor(EventEnvelope e) {
        Optional<EventType> type = EventType.fromWireName(e.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        String contact;
        switch (type.get()) {
            case ESCALATION_CREATED -> {
                var p = e.payload(EscalationEvents.EscalationCreated.class);
                data.put("ticket_id", p.ticketId());
                data.put("session_id", p.sessionId());
                data.put("customer_id", p.customerId());
                data.put("priority", p.priority());
                data.put("reason", p.reason());
                contact = p.customerId();
            }
            case SESSION_CLOSED -> {
                var p = e.payload(ChatEvents.SessionClosed.class);
                data.put("session_id", p.sessionId());
                data.put("customer_id", p.contactId());
                data.put("duration_minutes", p.durationMinutes());
                data.put("message_count", p.messageCount());
                data.put("escalated", p.escalated());
                contact = p.contactId();
            }
            case CONVERSATION_CREATED -> {
                var p = e.payload(ChatEvents.ConversationCreated.class);
                data.put("conversation_id", p.conversationId());
                data.put("user_id", p.contactId());
                data.put("channel", p.channel());
                contact = p.contactId();
            }
            case CONVERSATION_ESCALATED -> {
                var p = e.payload(ChatEvents.ConversationEscalated.class);
                data.put("conversation_id", p.conversationId());
                data.put("user_id", p.contactId());
                data.put("reason", p.reason());
                data.put("assigned_agent", p.assignedAgent());
                data.put("ticket_id", p.ticketId());
                contact = p.contactId();
            }
            case CONVERSATION_RESOLVED -> {
                var p = e.payload(ChatEvents.ConversationResolved.class);
                data.put("conversation_id", p.conversationId());
                data.put("user_id", p.contactId());
                data.put("resolved_by", p.resolvedBy());
                contact = p.contactId();
            }
            case MESSAGE_RECEIVED -> {
                var p = e.payload(ChatEvents.MessageReceived.class);
                data.put("conversation_id", p.conversationId());
                data.put("message_id", p.messageId());
                data.put("user_id", p.contactId());
                data.put("channel", p.channel());
                data.put("content", p.content());
                contact = p.contactId();
            }
            case FEEDBACK_SUBMITTED -> {
                var p = e.payload(ChatEvents.FeedbackSubmitted.class);
                data.put("conversation_id", p.conversationId());
                data.put("user_id", p.contactId());
                data.put("rating", p.rating());
                data.put("comment", p.comment());
                contact = p.contactId();
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new Body(e.type(), render(e.type(), e.occurredAt(), data), contact));
    }

    public static String ping(String webhookId, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", webhookId);
        data.put("message", "Test ping from the support platform");
        return render(PING, now, data);
    }

    static String render(String event, Instant timestamp, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }
}
