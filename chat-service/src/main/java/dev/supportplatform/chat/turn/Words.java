package dev.supportplatform.chat.turn;

import java.util.ArrayList;
import java.util.List;

/** The words of a message for the routing and complexity heuristics. */
final class Words {

    private Words() {
    }

    /** Whitespace-separated tokens without leading and trailing punctuation; short ones such as :) are kept whole. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.split("\\s+")) {
            String stripped = t.replaceAll("^[^\\p{L}\\p{N}']+|[^\\p{L}\\p{N}']+$", "");
            if (stripped.length() <= 2 && !t.isEmpty()) {
                out.add(t);
            } else if (!stripped.isEmpty()) {
                out.add(stripped);
            }
        }
        return out;
    }
}
