package dev.supportplatform.crm.activity;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.service.events.EventInbox;
import dev.supportplatform.common.service.events.PoisonEventException;
import dev.supportplatform.crm.contact.ContactReads;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Learns contacts' conversation and message counts and last activity from chat events (the CRM never calls chat).
 * Idempotent through the inbox: a redelivered event counts once. {@code last_active} moves only on the contact's
 * own doing (starting a conversation, sending a message), not on answers sent to them.
 */
@Component
class ChatEventsListener {

    static final String CONSUMER = "crm.contact-activity";
    private static final Logger log = LoggerFactory.getLogger(ChatEventsListener.class);

    private final EventInbox inbox;
    private final ContactReads contacts;
    private final ContactActivityStore store;

    ChatEventsListener(EventInbox inbox, ContactReads contacts, ContactActivityStore store) {
        this.inbox = inbox;
        this.contacts = contacts;
        this.store = store;
    }

    @KafkaListener(topics = Topics.CHAT)
    void onChatEvent(ConsumerRecord<String, String> record) {
        inbox.consume(CONSUMER, record, this::apply);
    }

    private void apply(EventEnvelope event) {
        Optional<EventType> type = EventType.fromWireName(event.type());
        if (type.isEmpty()) {
            return;
        }
        switch (type.get()) {
            case CONVERSATION_CREATED -> {
                var p = payload(event, ChatEvents.ConversationCreated.class);
                record(event, p.contactId(), p.conversationId(), null, p.channel(), 1, 0, true);
            }
            case MESSAGE_RECEIVED -> {
                var p = payload(event, ChatEvents.MessageReceived.class);
                record(event, p.contactId(), p.conversationId(), p.messageId(), p.channel(), 0, 1, true);
            }
            case MESSAGE_ANSWERED -> {
                var p = payload(event, ChatEvents.MessageAnswered.class);
                record(event, p.contactId(), p.conversationId(), p.messageId(), null, 0, 1, false);
            }
            default -> {
                // Other chat events say nothing about the counts.
            }
        }
    }

    private void record(EventEnvelope event, String contactKey, String conversationId, String messageId, String channel,
                        int conversations, int messages, boolean byContact) {
        if (contactKey == null || contactKey.isBlank()) {
            return;
        }
        // Chat upserts the contact before it emits; one that is unknown now was erased, and must not come back.
        Optional<UUID> contact = contacts.find(event.tenantId(), contactKey).map(found -> UUID.fromString(found.contact().id()));
        if (contact.isEmpty()) {
            log.debug("Ignoring {} {} for a contact this tenant does not have", event.type(), event.eventId());
            return;
        }
        store.record(event.tenantId(), contact.get(), event.eventId(), event.type(), conversationId, messageId,
                channel, event.occurredAt(), conversations, messages, byContact ? event.occurredAt() : null);
    }

    private static <T> T payload(EventEnvelope event, Class<T> type) {
        try {
            return event.payload(type);
        } catch (RuntimeException e) {
            throw new PoisonEventException("Unreadable " + event.type() + " payload in event " + event.eventId(), e);
        }
    }
}
