package dev.supportplatform.chat.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One stretch of activity on a conversation: opened by its first message, ended when the session is closed. */
@Entity
@Table(name = "chat_session_history")
public class SessionHistory {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    private UUID conversationId;
    private Instant sessionStart;
    private Instant sessionEnd;
    private int messagesCount;
    private Integer durationMinutes;
    private Instant createdAt;

    protected SessionHistory() {
    }

    SessionHistory(UUID conversationId, Instant start) {
        this.conversationId = conversationId;
        this.sessionStart = start;
        this.createdAt = start;
    }

    void countMessage() {
        messagesCount++;
    }

    void end(Instant at) {
        sessionEnd = at;
        durationMinutes = (int) Duration.between(sessionStart, at).toMinutes();
    }

    public Long getId() { return id; }
    public UUID getConversationId() { return conversationId; }
    public Instant getSessionStart() { return sessionStart; }
    public Instant getSessionEnd() { return sessionEnd; }
    public int getMessagesCount() { return messagesCount; }
    public Integer getDurationMinutes() { return durationMinutes; }
    public Instant getCreatedAt() { return createdAt; }
}
