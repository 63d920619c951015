package dev.supportplatform.common.events.payload;

/** Events of escalation-service (topic {@code escalation.events}); the subject is the ticket id. */
public final class EscalationEvents {
    private EscalationEvents() {
    }

    public record EscalationCreated(String ticketId, String sessionId, String conversationId, String customerId,
                                    String priority, String reason) {
    }

    public record EscalationUpdated(String ticketId, String sessionId, String conversationId, String customerId,
                                    String status, String assignedAgent, Integer customerSatisfaction) {
    }
}
