package dev.supportplatform.escalation.ticket;

import java.time.Instant;
import java.util.UUID;

/** One escalation ticket as stored. */
public record Ticket(UUID id, String tenantId, String ticketId, String sessionId, String conversationId, String customerId,
                     Reason reason, Priority priority, Status status, Double customerSentiment, Double queryComplexity,
                     String additionalContext, String assignedAgent, String resolutionNotes, Integer customerSatisfaction,
                     boolean test, int slaTargetMinutes, Instant slaDueAt, Instant firstResponseAt, Instant resolvedAt,
                     Instant createdAt, Instant updatedAt) {

    /** The first-response target was missed: answered late, or still unanswered past the due time. */
    public boolean slaBreached(Instant now) {
        return firstResponseAt != null ? firstResponseAt.isAfter(slaDueAt) : now.isAfter(slaDueAt);
    }

    public Ticket with(Status newStatus, String newAgent, String newNotes, Integer newSatisfaction, Instant newFirstResponse,
                       Instant newResolvedAt, Instant now) {
        return new Ticket(id, tenantId, ticketId, sessionId, conversationId, customerId, reason, priority, newStatus,
                customerSentiment, queryComplexity, additionalContext, newAgent, newNotes, newSatisfaction, test,
                slaTargetMinutes, slaDueAt, newFirstResponse, newResolvedAt, createdAt, now);
    }
}
