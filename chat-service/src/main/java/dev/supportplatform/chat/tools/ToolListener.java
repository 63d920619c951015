package dev.supportplatform.chat.tools;

/**
 * Receives every tool event of a turn as it happens (start before the call, end or error after it), on the thread
 * that runs the call. Streaming transports (SSE, WebSocket) plug in here to forward them to the client; the REST
 * endpoints read them from the session afterwards instead. A listener that throws does not disturb the turn.
 */
@FunctionalInterface
public interface ToolListener {

    ToolListener NONE = event -> {
    };

    void onToolEvent(ToolEvent event);
}
