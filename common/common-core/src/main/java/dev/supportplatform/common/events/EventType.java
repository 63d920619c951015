package dev.supportplatform.common.events;

import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.events.payload.KnowledgeEvents;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event catalog: every event's wire name, the topic of the service that owns it, and its payload type. The
 * AsyncAPI document in {@code docs/events/asyncapi.yaml} describes the same catalog; a test keeps the two equal.
 */
public enum EventType {
    CONVERSATION_CREATED("conversation.created", Topics.CHAT, ChatEvents.ConversationCreated.class),
    MESSAGE_RECEIVED("message.received", Topics.CHAT, ChatEvents.MessageReceived.class),
    MESSAGE_ANSWERED("message.answered", Topics.CHAT, ChatEvents.MessageAnswered.class),
    CONVERSATION_ESCALATED("conversation.escalated", Topics.CHAT, ChatEvents.ConversationEscalated.class),
    CONVERSATION_RESOLVED("conversation.resolved", Topics.CHAT, ChatEvents.ConversationResolved.class),
    SESSION_CLOSED("session.closed", Topics.CHAT, ChatEvents.SessionClosed.class),
    FEEDBACK_SUBMITTED("feedback.submitted", Topics.CHAT, ChatEvents.FeedbackSubmitted.class),
    TOOL_INVOKED("tool.invoked", Topics.CHAT, ChatEvents.ToolInvoked.class),
    CONTACT_CREATED("contact.created", Topics.CRM, CrmEvents.ContactCreated.class),
    CONTACT_UPDATED("contact.updated", Topics.CRM, CrmEvents.ContactUpdated.class),
    CONTACT_ERASED("contact.erased", Topics.CRM, CrmEvents.ContactErased.class),
    DOCUMENT_INGESTED("document.ingested", Topics.KNOWLEDGE, KnowledgeEvents.DocumentIngested.class),
    DOCUMENT_DELETED("document.deleted", Topics.KNOWLEDGE, KnowledgeEvents.DocumentDeleted.class),
    ESCALATION_CREATED("escalation.created", Topics.ESCALATION, EscalationEvents.EscalationCreated.class),
    ESCALATION_UPDATED("escalation.updated", Topics.ESCALATION, EscalationEvents.EscalationUpdated.class),
    ESCALATION_AGENT_REPLIED("escalation.agent_replied", Topics.ESCALATION, EscalationEvents.AgentReplied.class),
    ESCALATION_SLA_BREACHED("escalation.sla_breached", Topics.ESCALATION, EscalationEvents.SlaBreached.class),
    ESCALATION_RULES_UPDATED("escalation.rules_updated", Topics.ESCALATION, EscalationEvents.RulesUpdated.class);

    private final String wireName;
    private final String topic;
    private final Class<? extends Record> payloadType;

    EventType(String wireName, String topic, Class<? extends Record> payloadType) {
        this.wireName = wireName;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Record> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static EventType forPayload(Class<?> payloadType) {
        return Arrays.stream(values()).filter(t -> t.payloadType.equals(payloadType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(payloadType.getName() + " is not in the event catalog"));
    }
}
