package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.persona.BuiltInAgents;
import dev.supportplatform.chat.persona.Persona;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Chooses who answers: a persona named by the request or matching its keywords, else sales, support or general. */
public final class AgentRouter {

    private static final Set<String> SALES = Set.of("price", "prices", "pricing", "cost", "costs", "buy", "purchase", "plan",
            "plans", "quote", "discount", "trial", "subscription", "subscribe", "upgrade", "license", "licence", "demo",
            "enterprise", "sales", "offer", "deal", "features", "feature", "compare");
    private static final Set<String> SUPPORT = Set.of("error", "broken", "issue", "problem", "reset", "password", "login",
            "log", "bug", "crash", "crashes", "account", "refund", "cancel", "fix", "help", "working", "works", "access",
            "locked", "failed", "fails", "install", "setup", "configure", "delivery", "order", "shipping", "return",
            "charged", "invoice", "billing", "frustrated", "slow");

    private AgentRouter() {
    }

    public record Route(String agent, Persona persona, String instructions) {
    }

    public static Route route(String text, Persona requested, List<Persona> personas) {
        if (requested != null) {
            return new Route(requested.getName(), requested, requested.getInstructions());
        }
        List<String> words = Words.tokens(text.toLowerCase(Locale.ROOT));
        for (Persona persona : personas) {
            if (!persona.getKeywords().isBlank()) {
                for (String keyword : persona.getKeywords().split(",")) {
                    if (words.contains(keyword) || keyword.contains(" ") && text.toLowerCase(Locale.ROOT).contains(keyword)) {
                        return new Route(persona.getName(), persona, persona.getInstructions());
                    }
                }
            }
        }
        long sales = words.stream().filter(SALES::contains).count();
        long support = words.stream().filter(SUPPORT::contains).count();
        if (sales > support) {
            return builtIn(BuiltInAgents.SALES);
        }
        if (support > 0) {
            return builtIn(BuiltInAgents.SUPPORT);
        }
        return builtIn(BuiltInAgents.GENERAL);
    }

    public static Route builtIn(String name) {
        String instructions = switch (name) {
            case BuiltInAgents.SALES -> "You are a sales assistant: explain plans, prices and features accurately and helpfully.";
            case BuiltInAgents.SUPPORT -> "You are a support agent: solve the customer's problem step by step, with empathy.";
            default -> "You are a helpful customer-support assistant.";
        };
        return new Route(name, null, instructions);
    }
}
