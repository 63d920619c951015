package dev.supportplatform.chat.speech;

import java.util.regex.Pattern;

/**
 * An answer as it should be read aloud: without the citation markers and the source list that the text answer
 * carries for the eye, and no longer than a listener would sit through (cut at a sentence end).
 */
public final class SpokenText {

    private static final Pattern CITATION = Pattern.compile("\\s*\\[\\d{1,2}]");
    private static final Pattern SOURCES = Pattern.compile("\\n+Sources:.*\\z", Pattern.DOTALL);

    private SpokenText() {
    }

    public static String of(String answer, int maxChars) {
        String text = SOURCES.matcher(answer).replaceAll("");
        text = CITATION.matcher(text).replaceAll("").replaceAll("\\s+", " ").strip();
        if (text.length() <= maxChars) {
            return text;
        }
        String cut = text.substring(0, maxChars);
        int end = Math.max(cut.lastIndexOf(". "), Math.max(cut.lastIndexOf("! "), cut.lastIndexOf("? ")));
        return end > maxChars / 2 ? cut.substring(0, end + 1) : cut.strip() + "…";
    }
}
