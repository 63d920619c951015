package dev.supportplatform.gateway.sessions;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.CrmEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A contact's erasure ends their agents.md sessions: each session row keeps the user id it was created for, and the
 * token would otherwise go on identifying the erased person until it expires. Deleting is idempotent, so a redelivered
 * event needs no inbox; the deletion evicts the tokens from every replica's cache (see V3 migration).
 */
@Component
class ErasedContactSessions {

    private static final Logger log = LoggerFactory.getLogger(ErasedContactSessions.class);

    private final SessionRepository sessions;

    ErasedContactSessions(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @KafkaListener(topics = Topics.CRM, groupId = "gateway-session-erasure")
    void onCrmEvent(String value) {
        EventEnvelope event;
        try {
            event = EventEnvelope.fromJson(value);
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable event on {}: {}", Topics.CRM, e.getMessage());
            return;
        }
        if (!EventType.CONTACT_ERASED.wireName().equals(event.type())) {
            return;
        }
        CrmEvents.ContactErased erased = event.payload(CrmEvents.ContactErased.class);
        Set<String> userIds = new LinkedHashSet<>();
        if (erased.contactId() != null) {
            userIds.add(erased.contactId());
        }
        if (erased.externalIds() != null) {
            userIds.addAll(erased.externalIds());
        }
        int ended = sessions.deleteForUsers(event.tenantId(), userIds);
        log.info("Contact erased in tenant {}: {} session(s) ended", event.tenantId(), ended);
    }
}
