package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.clients.KnowledgeClient;
import dev.supportplatform.chat.intent.IntentMatch;
import dev.supportplatform.chat.intent.IntentService;
import org.springframework.stereotype.Component;

/**
 * Scores one user message before the turn acts on it: the message is embedded once, and that vector feeds both the
 * tenant's intent classifier and the sentiment model; complexity is rule-based.
 */
@Component
public class MessageAnalyser {

    private final IntentService intents;
    private final SentimentModel sentiment;

    public MessageAnalyser(IntentService intents, SentimentModel sentiment) {
        this.intents = intents;
        this.sentiment = sentiment;
    }

    /** The model knowledge-service embeds with by default: a message vector from it can serve as the search's query vector. */
    static final String KNOWLEDGE_MODEL = "all-minilm-l6-v2";

    /**
     * @param kind        how the turn handles the message (conversational intents skip retrieval)
     * @param match       the detected intent with its confidence and action
     * @param queryVector the message's {@value #KNOWLEDGE_MODEL} embedding, for the knowledge search, or null when the
     *                    encoder does not use that model
     */
    public record Analysis(double sentiment, double complexity, Intent kind, IntentMatch match, KnowledgeClient.QueryVector queryVector) {
    }

    /** What analysing reads from the database, the tenant's intent model: got first, on the caller's thread. */
    public IntentService.TenantModel prepare() {
        return intents.model();
    }

    /** @param model the tenant's intent model, got beforehand ({@link IntentService#model()}): analysing needs no database */
    public Analysis analyse(String text, IntentService.TenantModel model) {
        float[] vector = intents.encoder().encode(text);
        IntentMatch match = intents.classify(model, text, vector);
        return new Analysis(round(sentiment.score(text, vector)), Complexity.score(text), match.kind(), match, queryVector(vector));
    }

    private KnowledgeClient.QueryVector queryVector(float[] vector) {
        float[] block = intents.encoder().blockOf(vector, KNOWLEDGE_MODEL);
        return block == null ? null : new KnowledgeClient.QueryVector(KNOWLEDGE_MODEL, block);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
