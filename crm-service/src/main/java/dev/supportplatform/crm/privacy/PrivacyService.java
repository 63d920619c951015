package dev.supportplatform.crm.privacy;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.crm.activity.ContactActivityStore;
import dev.supportplatform.crm.contact.Contact;
import dev.supportplatform.crm.contact.ContactRepository;
import dev.supportplatform.crm.contact.ContactService;
import dev.supportplatform.crm.contact.ContactViews;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Service
class PrivacyService {

    private final ContactService contacts;
    private final ContactRepository repository;
    private final ContactActivityStore activity;
    private final OutboxWriter outbox;
    private final JdbcTemplate jdbc;

    PrivacyService(ContactService contacts, ContactRepository repository, ContactActivityStore activity, OutboxWriter outbox,
                   JdbcTemplate jdbc) {
        this.contacts = contacts;
        this.repository = repository;
        this.activity = activity;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Map<String, Object> export(String key) {
        String tenant = IdentityContext.requireTenant();
        Contact contact = contacts.get(key);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contact", ContactViews.contactWithIds(contact, contacts.externalIds(contact.getId())));
        data.put("stats", ContactViews.stats(activity.stats(tenant, contact.getId())));
        data.put("activity", activity.activity(tenant, contact.getId()));
        data.put("exported_at", Instant.now().toString());
        return data;
    }

    /**
     * Deletes the contact (external ids, stats and activity go with it by foreign key) and announces it in the same
     * transaction. Relayed events about the contact still kept in the outbox are dropped too: contact.created
     * carried the name and email.
     */
    @Transactional
    Map<String, Object> erase(String key) {
        Contact contact = contacts.get(key);
        String contactId = contact.getId().toString();
        List<String> externalIds = contacts.externalIds(contact.getId());
        repository.delete(contact);
        repository.flush();
        jdbc.update("delete from event_outbox where message_key = ? and published_at is not null", contactId);
        outbox.publish(EventEnvelope.of(IdentityContext.requireTenant(), contactId, new CrmEvents.ContactErased(contactId, externalIds)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", contactId);
        data.put("external_ids", externalIds);
        data.put("erased", true);
        return data;
    }
}
