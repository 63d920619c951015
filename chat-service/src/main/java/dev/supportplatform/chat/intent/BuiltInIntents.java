package dev.supportplatform.chat.intent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The intents every tenant has, with the example phrases they are trained on (resources/intents/built-in.csv), and
 * {@code out_of_scope}: the pseudo-intent whose examples are messages that match no intent (a few shipped ones plus
 * any negative examples the tenant adds).
 */
public final class BuiltInIntents {

    public static final String HUMAN_REQUEST = "human_request";
    public static final String GREETING = "greeting";
    public static final String THANKS = "thanks";
    public static final String GOODBYE = "goodbye";
    public static final String COMPLAINT = "complaint";
    public static final String OUT_OF_SCOPE = "out_of_scope";

    /** What each built-in intent does; complaints go to the support agent, the rest are conversational. */
    public static final Map<String, IntentAction> ACTIONS = Map.of(
            HUMAN_REQUEST, IntentAction.escalate("manual_request"),
            GREETING, IntentAction.label(),
            THANKS, IntentAction.label(),
            GOODBYE, IntentAction.label(),
            COMPLAINT, IntentAction.route("support_agent"));

    public static final Set<String> NAMES = Set.of(HUMAN_REQUEST, GREETING, THANKS, GOODBYE, COMPLAINT, OUT_OF_SCOPE);

    private static final List<Example> EXAMPLES = load();

    private BuiltInIntents() {
    }

    public record Example(String text, String intent) {
    }

    public static List<Example> examples() {
        return EXAMPLES;
    }

    public static boolean isBuiltIn(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static List<Example> load() {
        List<Example> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(BuiltInIntents.class.getResourceAsStream("/intents/built-in.csv")), StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            String line;
            while ((line = reader.readLine()) != null) {
                // the intent never contains a comma, the text may
                int comma = line.lastIndexOf(',');
                if (comma > 0) {
                    out.add(new Example(line.substring(0, comma), line.substring(comma + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
