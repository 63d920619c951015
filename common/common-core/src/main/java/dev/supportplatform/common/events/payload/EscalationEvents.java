package dev.supportplatform.common.events.payload;

import java.util.List;

/** Events of escalation-service (topic {@code escalation.events}); the subject is the ticket id (the tenant id for rules). */
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
     * A ticket passed its first-response target without a first response (or was first answered after it). Published
     * at most once per ticket by a scheduled scan, so breaches are counted even when nobody looks at the queue.
     *
     * @param dueAt           ISO-8601 instant the first response was due: the moment of the breach
     * @param firstResponseAt ISO-8601 instant of the first response, null while there is none
     */
    public record SlaBreached(String ticketId, String sessionId, String conversationId, String customerId, String priority,
                              String reason, int slaTargetMinutes, String dueAt, String firstResponseAt) {
    }

    /**
     * A tenant's escalation rules changed (the full new set). chat-service applies them to decide hand-offs; it keeps
     * them cached and replaces its copy on this event. The subject is the tenant id.
     */
    public record RulesUpdated(double negativeSentimentThreshold, double complexityThreshold, double confidenceThreshold,
                               int repeatedLowConfidenceCount, List<String> policyKeywords, String updatedAt) {
    }

    /**
     * A human agent's reply to the customer; chat-service delivers it into the conversation (REST, SSE, WebSocket).
     * An event rather than a call: chat already calls escalation to open tickets, and a call back would be a cycle.
     */
    public record AgentReplied(String ticketId, String sessionId, String conversationId, String customerId, String agentId,
                               String messageId, String content) {
    }
}
