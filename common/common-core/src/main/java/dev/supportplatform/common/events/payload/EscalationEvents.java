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

    /**
     * A human agent's reply to the customer; chat-service delivers it into the conversation (REST, SSE, WebSocket).
     * An event rather than a call: chat already calls escalation to open tickets, and a call back would be a cycle.
     */
    public record AgentReplied(String ticketId, String sessionId, String conversationId, String customerId, String agentId,
                               String messageId, String content) {
    }
}
