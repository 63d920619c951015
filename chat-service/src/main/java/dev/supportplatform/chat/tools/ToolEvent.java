package dev.supportplatform.chat.tools;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One moment of a tool call as assistant.md's {@code ToolEvent} shows it: a {@code start}, then an {@code end} with
 * the latency and a preview of the result, or an {@code error} with the latency and what went wrong.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolEvent(String tool, String status, Map<String, Object> args, Long latencyMs, String resultPreview,
                        String errorMessage) {

    public static final String START = "start";
    public static final String END = "end";
    public static final String ERROR = "error";
    static final int PREVIEW_CHARS = 200;

    static ToolEvent start(String tool, Map<String, Object> args) {
        return new ToolEvent(tool, START, args, null, null, null);
    }

    static ToolEvent end(String tool, Map<String, Object> args, long latencyMs, String result) {
        return new ToolEvent(tool, END, args, latencyMs, preview(result), null);
    }

    static ToolEvent error(String tool, Map<String, Object> args, long latencyMs, String message) {
        return new ToolEvent(tool, ERROR, args, latencyMs, null, message);
    }

    public boolean finished() {
        return !START.equals(status);
    }

    static String preview(String result) {
        if (result == null) {
            return null;
        }
        String oneLine = result.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= PREVIEW_CHARS ? oneLine : oneLine.substring(0, PREVIEW_CHARS - 1) + "…";
    }
}
