package dev.supportplatform.chat.persona;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant-defined AI agent: its instructions shape the answer, its knowledge filter narrows retrieval, its model
 * tier picks fast or strong models, and its keywords route matching questions to it.
 */
@Entity
@Table(name = "persona")
public class Persona {
    @Id
    private UUID id;
    private long number;
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    private String name;
    private String instructions;
    /** JSON text {collection, category, tags}; the column is jsonb. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String knowledgeFilter;
    private String modelTier;
    /** Comma-separated routing keywords. */
    private String keywords;
    private Instant createdAt;
    private Instant updatedAt;

    protected Persona() {
    }

    Persona(UUID id, long number, String name, String instructions, String knowledgeFilter, String modelTier, String keywords, Instant now) {
        this.id = id;
        this.number = number;
        this.createdAt = now;
        update(name, instructions, knowledgeFilter, modelTier, keywords, now);
    }

    void update(String newName, String newInstructions, String newFilter, String newTier, String newKeywords, Instant now) {
        if (newName != null) {
            name = newName;
        }
        if (newInstructions != null) {
            instructions = newInstructions;
        }
        if (newFilter != null) {
            knowledgeFilter = newFilter;
        }
        if (newTier != null) {
            modelTier = newTier;
        }
        if (newKeywords != null) {
            keywords = newKeywords;
        }
        updatedAt = now;
    }

    public UUID getId() { return id; }
    public long getNumber() { return number; }
    public String getName() { return name; }
    public String getInstructions() { return instructions; }
    public String getKnowledgeFilter() { return knowledgeFilter; }
    public String getModelTier() { return modelTier; }
    public String getKeywords() { return keywords; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
