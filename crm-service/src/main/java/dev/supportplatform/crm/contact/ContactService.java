package dev.supportplatform.crm.contact;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Contacts of the current tenant: create, find, update, deactivate, and the upsert other services use. */
@Service
public class ContactService {

    private final ContactRepository contacts;
    private final ContactListQuery listQuery;
    private final OutboxWriter outbox;
    private final JdbcTemplate jdbc;

    @PersistenceContext
    private EntityManager em;

    public ContactService(ContactRepository contacts, ContactListQuery listQuery, OutboxWriter outbox, JdbcTemplate jdbc) {
        this.contacts = contacts;
        this.listQuery = listQuery;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    /** The contact whose internal id or one of whose external ids is {@code key}, in the current tenant. */
    @Transactional(readOnly = true)
    public Optional<Contact> resolve(String key) {
        Optional<UUID> internal = parseUuid(key);
        if (internal.isPresent()) {
            Optional<Contact> byId = contacts.findInTenant(internal.get());
            if (byId.isPresent()) {
                return byId;
            }
        }
        return contacts.findByExternalId(key);
    }

    @Transactional(readOnly = true)
    public Contact get(String key) {
        return resolve(key).orElseThrow(() -> ContactNotFound.of(key));
    }

    @Transactional(readOnly = true)
    public List<String> externalIds(UUID contactId) {
        return contacts.externalIdsOf(contactId).stream().map(ContactExternalId::getExternalId).toList();
    }

    @Transactional
    public Contact create(ContactFields fields) {
        Instant now = now();
        Contact contact = new Contact(Ids.uuidV7(), now);
        contact.setName(fields.name());
        contact.setEmail(fields.email());
        contact.setPhone(fields.phone());
        contact.setCompany(fields.company());
        contact.setRole(fields.role());
        if (fields.preferences() != null) {
            contact.setPreferences(fields.preferences());
        }
        if (fields.metadata() != null) {
            contact.setMetadata(fields.metadata());
        }
        em.persist(contact);
        if (fields.externalId() != null) {
            em.persist(new ContactExternalId(Ids.uuidV7(), fields.externalId(), contact.getId(), now));
        }
        // Identifiers only: profile data stays in the CRM (see CrmEvents.ContactCreated).
        publish(contact, new CrmEvents.ContactCreated(contact.getId().toString(), fields.externalId()));
        // The unique indexes decide duplicates (no check-then-insert race); the event above rolls back with the row.
        flush();
        return contact;
    }

    @Transactional
    public Contact update(String key, ContactFields fields) {
        Contact contact = get(key);
        if (fields.isPresent("name")) {
            contact.setName(fields.name());
        }
        if (fields.isPresent("email")) {
            contact.setEmail(fields.email());
        }
        if (fields.isPresent("phone")) {
            contact.setPhone(fields.phone());
        }
        if (fields.isPresent("company")) {
            contact.setCompany(fields.company());
        }
        if (fields.isPresent("role")) {
            contact.setRole(fields.role());
        }
        if (fields.isPresent("preferences")) {
            contact.setPreferences(fields.preferences() == null ? "{}" : fields.preferences());
        }
        if (fields.active() != null) {
            contact.setActive(fields.active());
        }
        return saveChange(contact);
    }

    @Transactional
    public Contact deactivate(String key) {
        Contact contact = get(key);
        contact.setActive(false);
        return saveChange(contact);
    }

    public record Upserted(Contact contact, boolean created, List<String> externalIds) {
    }

    /**
     * Finds the contact another service knows as {@code externalId}, creating it on first sight. A contact found by
     * id keeps what the CRM already knows (blank name or email are filled in; metadata keys are merged). An unknown
     * external id whose email belongs to a contact is linked to that contact rather than duplicating the person.
     */
    @Transactional
    public Upserted upsertByExternalId(ContactFields fields) {
        String tenant = IdentityContext.requireTenant();
        String externalId = fields.externalId();
        // Two first messages of one new person must not create two contacts.
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class,
                "crm.contact." + tenant + "\n" + externalId);
        Optional<Contact> existing = resolve(externalId);
        boolean linked = false;
        if (existing.isEmpty() && fields.email() != null) {
            existing = contacts.findByEmail(fields.email());
            if (existing.isPresent()) {
                em.persist(new ContactExternalId(Ids.uuidV7(), externalId, existing.get().getId(), now()));
                linked = true;
            }
        }
        if (existing.isEmpty()) {
            Contact created = create(fields);
            return new Upserted(created, true, List.of(externalId));
        }
        Contact contact = existing.get();
        boolean changed = linked;
        if (contact.getName() == null && fields.name() != null) {
            contact.setName(fields.name());
            changed = true;
        }
        if (contact.getEmail() == null && fields.email() != null && contacts.findByEmail(fields.email()).isEmpty()) {
            contact.setEmail(fields.email());
            changed = true;
        }
        if (fields.metadata() != null) {
            String merged = mergeObjects(contact.getMetadata(), fields.metadata());
            if (!merged.equals(contact.getMetadata())) {
                contact.setMetadata(merged);
                changed = true;
            }
        }
        if (changed) {
            saveChange(contact);
        }
        return new Upserted(contact, false, externalIds(contact.getId()));
    }

    /** One statement (see {@link ContactListQuery}): no transaction needed for a consistent page. */
    public ContactListQuery.Page list(int page, int perPage, boolean activeOnly) {
        return listQuery.page(IdentityContext.requireTenant(), page, perPage, activeOnly);
    }

    private Contact saveChange(Contact contact) {
        contact.touch(now());
        List<String> ids = externalIds(contact.getId());
        publish(contact, new CrmEvents.ContactUpdated(contact.getId().toString(), ids.isEmpty() ? null : ids.getFirst(), contact.isActive()));
        flush();
        return contact;
    }

    private void publish(Contact contact, Record payload) {
        outbox.publish(EventEnvelope.of(IdentityContext.requireTenant(), contact.getId().toString(), payload));
    }

    /** Flushes now so that a unique-index violation becomes a 409 naming the field, and rolls everything back. */
    private void flush() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            String constraint = constraintName(e);
            if (constraint != null && constraint.contains("contacts_tenant_email")) {
                throw conflict("email", "A user with this email already exists");
            }
            if (constraint != null && constraint.contains("contact_external_ids_tenant_external")) {
                throw conflict("external_id", "A user with this external id already exists");
            }
            throw e;
        }
    }

    private static ApiException conflict(String field, String message) {
        return new ApiException(new ApiError(ErrorKind.CONFLICT, message,
                "The " + field + " must be unique within the tenant", field, List.of()));
    }

    private static String constraintName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve) {
                return cve.getConstraintName();
            }
        }
        return null;
    }

    private static String mergeObjects(String currentJson, String updateJson) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode merged = (ObjectNode) json.readTree(currentJson);
        ObjectNode update = (ObjectNode) json.readTree(updateJson);
        update.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        return merged.toString();
    }

    static Optional<UUID> parseUuid(String key) {
        if (key == null || key.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
