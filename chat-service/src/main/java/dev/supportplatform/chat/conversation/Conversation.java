package dev.supportplatform.chat.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation, whichever contract created it; tenant-scoped by {@code @TenantId}. Updates write only the columns
 * that changed, so a turn and a concurrent hand-off event (ticket status) do not overwrite each other's fields.
 */
@Entity
@DynamicUpdate
@Table(name = "conversation")
public class Conversation {

    public static final String ACTIVE = "active";
    public static final String CLOSED = "closed";

    @Id
    private UUID id;
    @Column(nullable = false, updatable = false)
    private long number;
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;
    private String externalId;
    private String contactExternalId;
    private String channel;
    private String title;
    private String agent;
    private UUID personaId;
    private String conversationType;
    private String status;
    private boolean isPinned;
    private boolean isArchived;
    private int unreadCount;
    private int totalMessages;
    private Instant lastMessageAt;
    private boolean escalated;
    private String escalationReason;
    private String ticketId;
    private String ticketStatus;
    private String assignedAgent;
    private int lowConfidenceStreak;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant closedAt;

    protected Conversation() {
    }

    public Conversation(UUID id, long number, String externalId, String contactExternalId, String channel, String title,
                        String agent, Instant now) {
        this.id = id;
        this.number = number;
        this.externalId = externalId;
        this.contactExternalId = contactExternalId;
        this.channel = channel == null ? "chat" : channel;
        this.title = title;
        this.agent = agent;
        this.conversationType = "chat";
        this.status = ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The id clients and events know it by: their own external id, else the UUID. */
    public String publicId() {
        return externalId != null ? externalId : id.toString();
    }

    /** While a ticket is open or assigned a human owns the conversation and the AI stays silent. */
    public boolean humanHandling() {
        return ticketId != null && ("open".equals(ticketStatus) || "assigned".equals(ticketStatus));
    }

    void messageAdded(String sender, Instant at) {
        totalMessages++;
        if (!"user".equals(sender)) {
            unreadCount++;
        }
        lastMessageAt = at;
        updatedAt = at;
        if (CLOSED.equals(status)) {
            status = ACTIVE;
            closedAt = null;
        }
    }

    void messagesRead() {
        unreadCount = 0;
    }

    void close(Instant at) {
        status = CLOSED;
        closedAt = at;
        updatedAt = at;
    }

    void update(String newTitle, Boolean pinned, Boolean archived, String newStatus, String newAgent, Instant at) {
        if (newTitle != null) {
            title = newTitle;
        }
        if (pinned != null) {
            isPinned = pinned;
        }
        if (archived != null) {
            isArchived = archived;
        }
        if (newStatus != null) {
            status = newStatus;
        }
        if (newAgent != null) {
            agent = newAgent;
        }
        updatedAt = at;
    }

    void assignPersona(UUID persona, String agentName) {
        personaId = persona;
        agent = agentName;
    }

    void escalate(String reason, String ticket, String ticketState, Instant at) {
        escalated = true;
        escalationReason = reason;
        ticketId = ticket;
        ticketStatus = ticketState;
        updatedAt = at;
    }

    void ticketUpdated(String state, String agentId, Instant at) {
        ticketStatus = state;
        if (agentId != null) {
            assignedAgent = agentId;
        }
        updatedAt = at;
    }

    void recordConfidence(boolean low) {
        lowConfidenceStreak = low ? lowConfidenceStreak + 1 : 0;
    }

    void attachContact(String contact) {
        if (contactExternalId == null) {
            contactExternalId = contact;
        }
    }

    void anonymise() {
        contactExternalId = null;
    }

    public UUID getId() { return id; }
    public long getNumber() { return number; }
    public String getTenantId() { return tenantId; }
    public String getExternalId() { return externalId; }
    public String getContactExternalId() { return contactExternalId; }
    public String getChannel() { return channel; }
    public String getTitle() { return title; }
    public String getAgent() { return agent; }
    public UUID getPersonaId() { return personaId; }
    public String getConversationType() { return conversationType; }
    public String getStatus() { return status; }
    public boolean isPinned() { return isPinned; }
    public boolean isArchived() { return isArchived; }
    public int getUnreadCount() { return unreadCount; }
    public int getTotalMessages() { return totalMessages; }
    public Instant getLastMessageAt() { return lastMessageAt; }
    public boolean isEscalated() { return escalated; }
    public String getEscalationReason() { return escalationReason; }
    public String getTicketId() { return ticketId; }
    public String getTicketStatus() { return ticketStatus; }
    public String getAssignedAgent() { return assignedAgent; }
    public int getLowConfidenceStreak() { return lowConfidenceStreak; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getClosedAt() { return closedAt; }
}
