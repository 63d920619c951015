package dev.supportplatform.chat.turn;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Content words of a text, for overlap measures (confidence). */
final class Terms {
    private static final Set<String> STOP = Set.of("a", "an", "the", "is", "are", "was", "to", "of", "and", "or", "in", "on",
            "at", "for", "with", "my", "i", "me", "you", "your", "it", "this", "that", "do", "does", "how", "what", "when",
            "where", "why", "who", "can", "could", "would", "please", "we", "our", "be", "have", "has", "there", "if", "not");

    private Terms() {
    }

    static Set<String> of(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }
}
