package dev.supportplatform.chat.conversation;

/** What a turn measured about one message, stored in its columns. */
public record MessageFacts(String agent, String model, int inputTokens, int outputTokens, double costUsd,
                           Long processingTimeMs, Double sentimentScore, Double complexityScore, Double confidence,
                           boolean cached) {

    public static MessageFacts ofUser(double sentiment, double complexity, int tokens) {
        return new MessageFacts(null, null, tokens, 0, 0, null, sentiment, complexity, null, false);
    }
}
