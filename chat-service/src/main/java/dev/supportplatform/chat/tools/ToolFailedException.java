package dev.supportplatform.chat.tools;

/** A tool call failed in a way worth telling the model (and the client) in words. */
public class ToolFailedException extends RuntimeException {

    private final String code;

    public ToolFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Short machine-readable reason, counted by analytics ({@code tool.invoked}'s {@code error_codes}). */
    public String code() {
        return code;
    }
}
