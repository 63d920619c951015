package dev.supportplatform.escalation.ticket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Response shapes: support.md's exactly for its endpoints, a richer item for the agents' queue. */
public final class TicketViews {

    private TicketViews() {
    }

    /** support.md's POST /api/escalation response. */
    public record Created(String ticketId, String sessionId, String priority, String status, Instant createdAt,
                          String estimatedResponseTime, String assignedAgent) {
        static Created of(Ticket t) {
            return new Created(t.ticketId(), t.sessionId(), t.priority().wire(), t.status().wire(), t.createdAt(),
                    SlaTargets.humanize(t.slaTargetMinutes()), t.assignedAgent());
        }
    }

    /** support.md's GET / PUT /api/escalation/{ticket_id} response. */
    public record Detail(String ticketId, String sessionId, String customerId, String reason, String priority, String status,
                         Instant createdAt, Instant updatedAt, String assignedAgent, String resolutionNotes,
                         Integer customerSatisfaction) {
        static Detail of(Ticket t) {
            return new Detail(t.ticketId(), t.sessionId(), t.customerId(), t.reason().wire(), t.priority().wire(),
                    t.status().wire(), t.createdAt(), t.updatedAt(), t.assignedAgent(), t.resolutionNotes(), t.customerSatisfaction());
        }
    }

    /** The first-response target of a ticket and whether it was missed. */
    public record Sla(int targetMinutes, Instant dueAt, Instant firstResponseAt, boolean breached) {
    }

    /** A ticket as the agents' queue shows it. */
    public record QueueItem(String ticketId, String sessionId, String conversationId, String customerId, String reason,
                            String priority, String status, String assignedAgent, Double customerSentiment,
                            Double queryComplexity, String additionalContext, String resolutionNotes,
                            Integer customerSatisfaction, String estimatedResponseTime, long ageMinutes, Sla sla, boolean test,
                            Instant createdAt, Instant updatedAt, Instant resolvedAt) {
        static QueueItem of(Ticket t, Instant now) {
            Instant end = t.resolvedAt() != null ? t.resolvedAt() : now;
            return new QueueItem(t.ticketId(), t.sessionId(), t.conversationId(), t.customerId(), t.reason().wire(),
                    t.priority().wire(), t.status().wire(), t.assignedAgent(), t.customerSentiment(), t.queryComplexity(),
                    t.additionalContext(), t.resolutionNotes(), t.customerSatisfaction(), SlaTargets.humanize(t.slaTargetMinutes()),
                    Math.max(0, ChronoUnit.MINUTES.between(t.createdAt(), end)),
                    new Sla(t.slaTargetMinutes(), t.slaDueAt(), t.firstResponseAt(), t.slaBreached(now)), t.test(),
                    t.createdAt(), t.updatedAt(), t.resolvedAt());
        }
    }
}
