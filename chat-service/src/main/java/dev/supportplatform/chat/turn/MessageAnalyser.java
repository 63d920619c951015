package dev.supportplatform.chat.turn;

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

    /**
     * @param kind  how the turn handles the message (conversational intents skip retrieval)
     * @param match the detected intent with its confidence and action
     */
    public record Analysis(double sentiment, double complexity, Intent kind, IntentMatch match) {
    }

    /** What analysing reads from the database, the tenant's intent model: got first, on the caller's thread. */
    public IntentService.TenantModel prepare() {
        return intents.model();
    }

    /** @param model the tenant's intent model, got beforehand ({@link IntentService#model()}): analysing needs no database */
    public Analysis analyse(String text, IntentService.TenantModel model) {
        float[] vector = intents.encoder().encode(text);
        IntentMatch match = intents.classify(model, text, vector);
        return new Analysis(round(sentiment.score(text, vector)), Complexity.score(text), match.kind(), match);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
