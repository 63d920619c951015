package dev.supportplatform.chat.turn;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The conversational intents the turn handles without the knowledge base. */
public enum Intent {
    GREETING, THANKS, HUMAN_REQUEST, GOODBYE, QUESTION;

    private static final Pattern GREETING_RX = Pattern.compile(
            "^(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening)|yo)\\b[\\s!,.a-z]*$");
    private static final Pattern THANKS_RX = Pattern.compile("^(thanks|thank you|thx|ty|many thanks|cheers|much appreciated)\\b.{0,40}$");
    private static final Pattern GOODBYE_RX = Pattern.compile("^(bye|goodbye|see you|that's all|that is all)\\b.{0,30}$");
    private static final List<String> HUMAN = List.of("human", "real person", "live agent", "a person", "an agent", "representative",
            "speak to someone", "talk to someone", "operator", "customer service agent", "manager", "supervisor");
    private static final List<String> HUMAN_VERBS = List.of("speak", "talk", "connect", "transfer", "want", "need", "get me",
            "escalate", "let me", "can i", "put me");

    public static Intent of(String text) {
        String t = text.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
        if (HUMAN.stream().anyMatch(t::contains) && HUMAN_VERBS.stream().anyMatch(t::contains)) {
            return HUMAN_REQUEST;
        }
        if (t.length() <= 60 && GREETING_RX.matcher(t).matches()) {
            return GREETING;
        }
        if (THANKS_RX.matcher(t).matches()) {
            return THANKS;
        }
        if (GOODBYE_RX.matcher(t).matches()) {
            return GOODBYE;
        }
        return QUESTION;
    }
}
