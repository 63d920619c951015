package dev.supportplatform.chat.intent;

import dev.supportplatform.chat.turn.Intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was detected in one message.
 *
 * @param intent     the matched intent's name, or {@code out_of_scope}
 * @param confidence the probability of the best in-scope intent (for an out-of-scope message: of the closest one)
 * @param closest    the best in-scope intent even when out of scope (what a lower threshold would have matched)
 * @param action     what the match does in the turn ({@code label} for out of scope)
 * @param threshold  the tenant's threshold it was compared with
 * @param modelVersion the tenant's model version, 0 for the built-in model
 */
public record IntentMatch(String intent, double confidence, boolean outOfScope, String closest, IntentAction action,
                          double threshold, long modelVersion, List<IntentClassifier.Scored> candidates) {

    /** How the turn handles the message: conversational built-ins are answered without the knowledge base. */
    public Intent kind() {
        if (outOfScope) {
            return Intent.QUESTION;
        }
        return switch (intent) {
            case BuiltInIntents.GREETING -> Intent.GREETING;
            case BuiltInIntents.THANKS -> Intent.THANKS;
            case BuiltInIntents.GOODBYE -> Intent.GOODBYE;
            case BuiltInIntents.HUMAN_REQUEST -> Intent.HUMAN_REQUEST;
            default -> Intent.QUESTION;
        };
    }

    /** The turn's metadata entry. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", intent);
        m.put("confidence", round(confidence));
        m.put("out_of_scope", outOfScope);
        m.put("closest", closest);
        m.put("threshold", threshold);
        m.put("action", action.type());
        m.put("model_version", modelVersion);
        m.put("candidates", candidates.stream().limit(3).map(c -> Map.of("intent", c.label(), "confidence", round(c.probability()))).toList());
        return m;
    }

    public static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
