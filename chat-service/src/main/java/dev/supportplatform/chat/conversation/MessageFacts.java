package dev.supportplatform.chat.conversation;

/**
 * What a turn measured about one message, stored in its columns.
 *
 * @param intent           the intent detected in a user message ({@code out_of_scope} when none matched), else null
 * @param intentConfidence its confidence
 */
public record MessageFacts(String agent, String model, int inputTokens, int outputTokens, double costUsd,
                           Long processingTimeMs, Double sentimentScore, Double complexityScore, Double confidence,
                           boolean cached, String intent, Double intentConfidence) {

    public MessageFacts(String agent, String model, int inputTokens, int outputTokens, double costUsd, Long processingTimeMs,
                        Double sentimentScore, Double complexityScore, Double confidence, boolean cached) {
        this(agent, model, inputTokens, outputTokens, costUsd, processingTimeMs, sentimentScore, complexityScore, confidence,
                cached, null, null);
    }

    public static MessageFacts ofUser(double sentiment, double complexity, int tokens, String intent, Double intentConfidence) {
        return new MessageFacts(null, null, tokens, 0, 0, null, sentiment, complexity, null, false, intent, intentConfidence);
    }

    public static MessageFacts ofUser(double sentiment, double complexity, int tokens) {
        return new MessageFacts(null, null, tokens, 0, 0, null, sentiment, complexity, null, false);
    }
}
