package dev.supportplatform.chat.model;

/** Token estimate where a provider reports none: about four characters per token for English text. */
public final class Tokens {
    private Tokens() {
    }

    public static int estimate(String text) {
        return text == null || text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }
}
