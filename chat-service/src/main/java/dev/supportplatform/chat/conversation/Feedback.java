package dev.supportplatform.chat.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.Instant;
import java.util.UUID;

/** A 1-5 rating of a conversation (optionally of one answer) with a comment. */
@Entity
@Table(name = "feedback")
public class Feedback {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    private UUID conversationId;
    private Long messageId;
    private int rating;
    private String comment;
    private Instant createdAt;

    protected Feedback() {
    }

    Feedback(UUID conversationId, Long messageId, int rating, String comment, Instant createdAt) {
        this.conversationId = conversationId;
        this.messageId = messageId;
        this.rating = rating;
        this.comment = comment;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public UUID getConversationId() { return conversationId; }
    public Long getMessageId() { return messageId; }
    public int getRating() { return rating; }
    public String getComment() { return comment; }
    public Instant getCreatedAt() { return createdAt; }
}
