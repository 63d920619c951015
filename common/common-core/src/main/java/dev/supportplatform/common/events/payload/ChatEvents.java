package dev.supportplatform.common.events.payload;

import java.util.List;

/** Events of chat-service (topic {@code chat.events}); the subject is the conversation id. */
public final class ChatEvents {
    private ChatEvents() {
    }

    /** @param contactId the contact's external id (the contracts' user_id / customer_id) */
    public record ConversationCreated(String conversationId, String contactId, String channel, String title) {
    }

    public record MessageReceived(String conversationId, String messageId, String contactId, String channel, String content) {
    }

    /**
     * One AI (or human agent) answer with everything analytics needs to count it.
     *
     * @param retrievalMs how long the knowledge-base search for this answer took; null when none ran (a cached answer,
     *                    a conversational intent, a human reply)
     */
    public record MessageAnswered(String conversationId, String messageId, String contactId, String sender, String agent,
                                  String model, int inputTokens, int outputTokens, double costUsd, long responseTimeMs,
                                  boolean cached, double confidence, double sentimentScore, double complexityScore,
                                  String intent, int ragDocuments, Long retrievalMs) {

        /** An answer for which no knowledge-base search ran. */
        public MessageAnswered(String conversationId, String messageId, String contactId, String sender, String agent,
                               String model, int inputTokens, int outputTokens, double costUsd, long responseTimeMs,
                               boolean cached, double confidence, double sentimentScore, double complexityScore,
                               String intent, int ragDocuments) {
            this(conversationId, messageId, contactId, sender, agent, model, inputTokens, outputTokens, costUsd, responseTimeMs,
                    cached, confidence, sentimentScore, complexityScore, intent, ragDocuments, null);
        }
    }

    public record ConversationEscalated(String conversationId, String contactId, String reason, String ticketId,
                                        String assignedAgent) {
    }

    /** @param resolvedBy {@code ai} or {@code human} */
    public record ConversationResolved(String conversationId, String contactId, String resolvedBy) {
    }

    public record SessionClosed(String sessionId, String conversationId, String contactId, long durationMinutes,
                                int messageCount, boolean escalated) {
    }

    public record FeedbackSubmitted(String conversationId, String contactId, int rating, String comment) {
    }

    /** @param status {@code end} or {@code error} */
    public record ToolInvoked(String conversationId, String tool, String status, long latencyMs, List<String> errorCodes) {
    }
}
