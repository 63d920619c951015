package dev.supportplatform.crm.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.Instant;
import java.util.UUID;

/** One id under which another service or client knows a contact; unique within a tenant. */
@Entity
@Table(name = "contact_external_ids")
public class ContactExternalId {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "external_id", nullable = false, updatable = false)
    private String externalId;

    @Column(name = "contact_id", nullable = false, updatable = false)
    private UUID contactId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected ContactExternalId() {
    }

    public ContactExternalId(UUID id, String externalId, UUID contactId, Instant createdAt) {
        this.id = id;
        this.externalId = externalId;
        this.contactId = contactId;
        this.createdAt = createdAt;
    }

    public String getExternalId() {
        return externalId;
    }

    public UUID getContactId() {
        return contactId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
