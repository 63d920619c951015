package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.clients.CrmClient;
import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.intent.IntentMatch;
import dev.supportplatform.chat.model.Passage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a turn produced, for every contract to pick its fields from.
 *
 * @param conversation  null for a dry run
 * @param answerMessage null when no answer was stored (a human is handling the conversation, or a dry run)
 * @param sources       the passages the answer used, in citation order
 * @param handledByHuman the AI stayed silent because a ticket is open; a human agent will reply
 * @param steps         milliseconds spent in each step of the turn
 * @param intentMatch   the detected intent (name, confidence, out of scope); {@code intent} is how the turn handled it
 * @param interrupted   the streamed answer was stopped (client gone or asked to stop); {@code response} is the part generated
 */
public record TurnResult(Conversation conversation, boolean conversationCreated, Message userMessage, Message answerMessage,
                         String response, String agent, String model, int inputTokens, int outputTokens, double costUsd,
                         long responseTimeMs, double sentiment, double complexity, double confidence, Intent intent,
                         List<Passage> retrieved, List<Passage> sources, boolean escalated, String escalationReason,
                         String ticketId, boolean cached, boolean handledByHuman, CrmClient.Contact contact,
                         int conversationLength, Map<String, Double> steps, Instant at, IntentMatch intentMatch,
                         boolean interrupted) {

    public TurnResult(Conversation conversation, boolean conversationCreated, Message userMessage, Message answerMessage,
                      String response, String agent, String model, int inputTokens, int outputTokens, double costUsd,
                      long responseTimeMs, double sentiment, double complexity, double confidence, Intent intent,
                      List<Passage> retrieved, List<Passage> sources, boolean escalated, String escalationReason,
                      String ticketId, boolean cached, boolean handledByHuman, CrmClient.Contact contact,
                      int conversationLength, Map<String, Double> steps, Instant at, IntentMatch intentMatch) {
        this(conversation, conversationCreated, userMessage, answerMessage, response, agent, model, inputTokens, outputTokens,
                costUsd, responseTimeMs, sentiment, complexity, confidence, intent, retrieved, sources, escalated, escalationReason,
                ticketId, cached, handledByHuman, contact, conversationLength, steps, at, intentMatch, false);
    }

    public TurnResult(Conversation conversation, boolean conversationCreated, Message userMessage, Message answerMessage,
                      String response, String agent, String model, int inputTokens, int outputTokens, double costUsd,
                      long responseTimeMs, double sentiment, double complexity, double confidence, Intent intent,
                      List<Passage> retrieved, List<Passage> sources, boolean escalated, String escalationReason,
                      String ticketId, boolean cached, boolean handledByHuman, CrmClient.Contact contact,
                      int conversationLength, Map<String, Double> steps, Instant at) {
        this(conversation, conversationCreated, userMessage, answerMessage, response, agent, model, inputTokens, outputTokens,
                costUsd, responseTimeMs, sentiment, complexity, confidence, intent, retrieved, sources, escalated, escalationReason,
                ticketId, cached, handledByHuman, contact, conversationLength, steps, at, null);
    }

    public TurnResult withIntentMatch(IntentMatch match) {
        return new TurnResult(conversation, conversationCreated, userMessage, answerMessage, response, agent, model, inputTokens,
                outputTokens, costUsd, responseTimeMs, sentiment, complexity, confidence, intent, retrieved, sources, escalated,
                escalationReason, ticketId, cached, handledByHuman, contact, conversationLength, steps, at, match, interrupted);
    }

    /** The detected intent's name ({@code out_of_scope} when none matched) as responses show it. */
    public String intentName() {
        return intentMatch != null ? intentMatch.intent() : intent.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The detected intent's confidence, or null when no classifier ran. */
    public Double intentConfidence() {
        return intentMatch != null ? IntentMatch.round(intentMatch.confidence()) : null;
    }

    public int tokensUsed() {
        return inputTokens + outputTokens;
    }

    /** Source names as platform.md shows them: the KB article id where there is one, else the source. */
    public List<String> sourceIds() {
        return sources.stream().map(p -> p.articleId() != null ? p.articleId() : p.source()).distinct().toList();
    }
}
