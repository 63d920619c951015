package dev.supportplatform.chat.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.TenantId;

import java.time.Instant;
import java.util.UUID;

/** One message of a conversation: from the user, the AI ({@code assistant}) or a human agent ({@code agent}). */
@Entity
@Table(name = "message")
public class Message {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String AGENT = "agent";

    @Id
    private long id;
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    private UUID conversationId;
    private String sender;
    private String content;
    private String contentType;
    private String messageType;
    private String status;
    private String agent;
    private String model;
    private int inputTokens;
    private int outputTokens;
    private double costUsd;
    private Long processingTimeMs;
    private Double sentimentScore;
    private Double complexityScore;
    private Double confidence;
    private boolean cached;
    private String intent;
    private Double intentConfidence;
    /** JSON text; the column is jsonb, so the write casts. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String metadata;
    private Instant createdAt;

    protected Message() {
    }

    Message(long id, UUID conversationId, String sender, String content, String messageType, Instant createdAt) {
        this.id = id;
        this.conversationId = conversationId;
        this.sender = sender;
        this.content = content;
        this.contentType = "text";
        this.messageType = messageType == null ? "text" : messageType;
        this.status = "sent";
        this.metadata = "{}";
        this.createdAt = createdAt;
    }

    /** Fills in what the turn measured; {@code metadataJson} holds per-step timings, rag context and routing. */
    void describe(MessageFacts facts, String metadataJson) {
        this.agent = facts.agent();
        this.model = facts.model();
        this.inputTokens = facts.inputTokens();
        this.outputTokens = facts.outputTokens();
        this.costUsd = facts.costUsd();
        this.processingTimeMs = facts.processingTimeMs();
        this.sentimentScore = facts.sentimentScore();
        this.complexityScore = facts.complexityScore();
        this.confidence = facts.confidence();
        this.cached = facts.cached();
        this.intent = facts.intent();
        this.intentConfidence = facts.intentConfidence();
        this.metadata = metadataJson == null ? "{}" : metadataJson;
    }

    void recordIntent(String detected, Double detectedConfidence) {
        this.intent = detected;
        this.intentConfidence = detectedConfidence;
    }

    void markStatus(String newStatus) {
        this.status = newStatus;
    }

    public long getId() { return id; }
    public UUID getConversationId() { return conversationId; }
    public String getSender() { return sender; }
    public String getContent() { return content; }
    public String getContentType() { return contentType; }
    public String getMessageType() { return messageType; }
    public String getStatus() { return status; }
    public String getAgent() { return agent; }
    public String getModel() { return model; }
    public int getInputTokens() { return inputTokens; }
    public int getOutputTokens() { return outputTokens; }
    public int getTokensUsed() { return inputTokens + outputTokens; }
    public double getCostUsd() { return costUsd; }
    public Long getProcessingTimeMs() { return processingTimeMs; }
    public Double getSentimentScore() { return sentimentScore; }
    public Double getComplexityScore() { return complexityScore; }
    public Double getConfidence() { return confidence; }
    public boolean isCached() { return cached; }
    public String getIntent() { return intent; }
    public Double getIntentConfidence() { return intentConfidence; }
    public String getMetadata() { return metadata; }
    public Instant getCreatedAt() { return createdAt; }
}
