package dev.supportplatform.escalation.privacy;

import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.service.events.EventInbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Forgets a contact erased in the CRM: its tickets lose the customer id and every free text that may describe the
 * person (context, resolution notes, internal notes, agent replies), webhook deliveries about it are deleted,
 * pending ones included, so nothing about the person leaves after the erasure, and so are the relayed outbox copies
 * of the tickets' events. Ticket counts, reasons, priorities and timings stay for reporting.
 */
@Component
public class ContactErasure {

    private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);

    private final EventInbox inbox;
    private final JdbcTemplate jdbc;

    public ContactErasure(EventInbox inbox, JdbcTemplate jdbc) {
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = Topics.CRM)
    public void on(ConsumerRecord<String, String> record) {
        inbox.consume("contact-erasure", record, event -> {
            if (!EventType.CONTACT_ERASED.wireName().equals(event.type())) {
                return;
            }
            CrmEvents.ContactErased erased = event.payload(CrmEvents.ContactErased.class);
            if (erased.externalIds() == null || erased.externalIds().isEmpty()) {
                return;
            }
            erase(event.tenantId(), erased.externalIds().toArray(String[]::new));
        });
    }

    void erase(String tenantId, String[] externalIds) {
        // Relayed copies of the tickets' events (customer id, agent replies) leave the outbox now rather than after its
        // retention; Kafka's copies expire with the topic's (docs/architecture.md, "Personal data").
        jdbc.update("delete from event_outbox where published_at is not null and message_key in "
                + "(select ticket_id from ticket where tenant_id = ? and customer_id = any(?))", tenantId, externalIds);
        jdbc.update("delete from ticket_note where ticket in (select id from ticket where tenant_id = ? and customer_id = any(?))",
                tenantId, externalIds);
        jdbc.update("delete from ticket_message where ticket in (select id from ticket where tenant_id = ? and customer_id = any(?))",
                tenantId, externalIds);
        int tickets = jdbc.update("update ticket set customer_id = null, additional_context = null, resolution_notes = null, "
                + "updated_at = now() where tenant_id = ? and customer_id = any(?)", tenantId, externalIds);
        int deliveries = jdbc.update("delete from webhook_delivery where tenant_id = ? and contact_id = any(?)", tenantId, externalIds);
        log.info("Contact erasure in tenant {}: {} tickets anonymised, {} webhook deliveries deleted", tenantId, tickets, deliveries);
    }
}
