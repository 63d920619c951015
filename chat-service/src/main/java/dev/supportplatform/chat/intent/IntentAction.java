package dev.supportplatform.chat.intent;

import java.util.Map;

/**
 * What a match does in the turn.
 *
 * @param type            {@code label} (only record it), {@code route} (answer as the agent or persona {@code routeTo}),
 *                        {@code answer} (retrieve only within {@code knowledgeFilter}), {@code escalate} (hand the
 *                        conversation to a human with {@code escalationReason})
 * @param knowledgeFilter {collection, category, tags}, as a persona's
 */
public record IntentAction(String type, String routeTo, Map<String, Object> knowledgeFilter, String escalationReason) {

    public static final String LABEL = "label";
    public static final String ROUTE = "route";
    public static final String ANSWER = "answer";
    public static final String ESCALATE = "escalate";

    public static IntentAction label() {
        return new IntentAction(LABEL, null, Map.of(), null);
    }

    public static IntentAction route(String agent) {
        return new IntentAction(ROUTE, agent, Map.of(), null);
    }

    public static IntentAction escalate(String reason) {
        return new IntentAction(ESCALATE, null, Map.of(), reason);
    }
}
