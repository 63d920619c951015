package dev.supportplatform.chat.handoff;

import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.conversation.MessageFacts;
import dev.supportplatform.chat.turn.ContactDirectory;
import dev.supportplatform.chat.turn.ResponseCache;
import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.service.identity.IdentityContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;


/**
 * What chat learns from other services: ticket status and human agents' replies (hand-off), knowledge-base changes
 * (the tenant's cached answers become stale) and contact erasure. Each runs once per event, in the event's tenant.
 */
@Component
public class ChatEventListeners {

    private final dev.supportplatform.common.service.events.EventInbox inbox;
    private final ConversationService conversations;
    private final ResponseCache cache;
    private final ContactDirectory contacts;
    private final LiveReplies live;

    public ChatEventListeners(dev.supportplatform.common.service.events.EventInbox inbox, ConversationService conversations,
                              ResponseCache cache, ContactDirectory contacts, LiveReplies live) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.cache = cache;
        this.contacts = contacts;
        this.live = live;
    }

    @KafkaListener(topics = Topics.ESCALATION)
    public void onEscalation(ConsumerRecord<String, String> record) {
        inbox.consume("chat-handoff", record, event -> {
            EventType type = EventType.fromWireName(event.type()).orElse(null);
            if (type == EventType.ESCALATION_CREATED) {
                EscalationEvents.EscalationCreated created = event.payload(EscalationEvents.EscalationCreated.class);
                conversationOf(created.conversationId(), created.sessionId()).ifPresent(c -> {
                    if (c.getTicketId() == null) {
                        conversations.escalate(c.getId(), created.reason(), created.ticketId(), "open");
                    }
                });
            } else if (type == EventType.ESCALATION_UPDATED) {
                EscalationEvents.EscalationUpdated updated = event.payload(EscalationEvents.EscalationUpdated.class);
                conversations.ticketUpdated(updated.ticketId(), updated.status(), updated.assignedAgent());
            } else if (type == EventType.ESCALATION_AGENT_REPLIED) {
                agentReplied(event.payload(EscalationEvents.AgentReplied.class));
            }
        });
    }

    private void agentReplied(EscalationEvents.AgentReplied reply) {
        List<Conversation> byTicket = reply.ticketId() == null ? List.of() : conversations.byTicket(reply.ticketId());
        Conversation conversation = !byTicket.isEmpty() ? byTicket.getFirst()
                : conversationOf(reply.conversationId(), reply.sessionId()).orElse(null);
        if (conversation == null) {
            return;
        }
        String metadata = "{\"agent_id\":" + quote(reply.agentId()) + ",\"ticket_id\":" + quote(reply.ticketId())
                + ",\"escalation_message_id\":" + quote(reply.messageId()) + "}";
        Message message = conversations.append(conversation.getId(), Message.AGENT, reply.content(), "text",
                new MessageFacts(reply.agentId(), null, 0, 0, 0, null, null, null, null, false), metadata, List.of());
        conversations.announceAnswer(conversation, new ChatEvents.MessageAnswered(conversation.publicId(),
                Long.toString(message.getId()), conversation.getContactExternalId(), "human", reply.agentId(), null, 0, 0, 0.0, 0,
                false, 1.0, 0.0, 0.0, "human_reply", 0));
        live.publish(IdentityContext.requireTenant(), conversation, message);
    }

    @KafkaListener(topics = Topics.KNOWLEDGE)
    public void onKnowledge(ConsumerRecord<String, String> record) {
        inbox.consume("chat-cache-invalidation", record, event -> {
            if (EventType.DOCUMENT_INGESTED.wireName().equals(event.type()) || EventType.DOCUMENT_DELETED.wireName().equals(event.type())) {
                cache.invalidate(event.tenantId());
            }
        });
    }

    @KafkaListener(topics = Topics.CRM)
    public void onCrm(ConsumerRecord<String, String> record) {
        inbox.consume("chat-contact-erasure", record, event -> {
            if (EventType.CONTACT_ERASED.wireName().equals(event.type())) {
                CrmEvents.ContactErased erased = event.payload(CrmEvents.ContactErased.class);
                List<String> ids = erased.externalIds() == null ? List.of() : erased.externalIds();
                if (!ids.isEmpty()) {
                    conversations.eraseContact(ids);
                    ids.forEach(id -> contacts.forget(event.tenantId(), id));
                    cache.purge(event.tenantId());
                }
            }
        });
    }

    private java.util.Optional<Conversation> conversationOf(String conversationId, String sessionId) {
        java.util.Optional<Conversation> found = conversations.find(conversationId);
        return found.isPresent() ? found : conversations.find(sessionId);
    }

    private static String quote(String s) {
        return s == null ? "null" : dev.supportplatform.common.events.EventJson.MAPPER.writeValueAsString(s);
    }

}
