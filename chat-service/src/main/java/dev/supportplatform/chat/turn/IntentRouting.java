package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.intent.IntentAction;
import dev.supportplatform.chat.intent.IntentMatch;
import dev.supportplatform.chat.persona.BuiltInAgents;
import dev.supportplatform.chat.persona.PersonaService;

import java.util.Optional;

/** What a detected intent's action changes in the turn: who answers, and whether a human takes over. */
final class IntentRouting {

    private IntentRouting() {
    }

    /**
     * The agent or persona a {@code route} intent sends the message to, or null. A target that no longer exists is
     * ignored (the turn routes as if no intent matched) rather than failing the customer's message.
     */
    static String agent(IntentMatch match, PersonaService personas) {
        IntentAction action = match.action();
        if (!IntentAction.ROUTE.equals(action.type()) || action.routeTo() == null) {
            return null;
        }
        String target = action.routeTo();
        return BuiltInAgents.NAMES.contains(target) || personas.find(target).isPresent() ? target : null;
    }

    /** The hand-off an {@code escalate} intent asks for. */
    static Optional<EscalationPolicy.Decision> escalation(IntentMatch match) {
        IntentAction action = match.action();
        if (!IntentAction.ESCALATE.equals(action.type())) {
            return Optional.empty();
        }
        return Optional.of(new EscalationPolicy.Decision(action.escalationReason(), "medium"));
    }
}
