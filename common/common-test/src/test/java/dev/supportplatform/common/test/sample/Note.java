package dev.supportplatform.common.test.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;

import java.util.UUID;

@Entity
public class Note {
    @Id
    private UUID id;
    @TenantId
    private String tenantId;
    private String text;

    protected Note() {
    }

    public Note(UUID id, String text) {
        this.id = id;
        this.text = text;
    }

    public UUID getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getText() {
        return text;
    }
}
