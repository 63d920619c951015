package dev.supportplatform.common.dialect;

/**
 * The five API contracts ("dialects") the platform speaks. Every path belongs to exactly one, and any failure on
 * that path renders in that dialect's error shape. Paths that belong to no contract use {@link #PLATFORM}.
 */
public enum Dialect {
    /** agents.md: {@code {success, data, metadata}} envelope. */
    AGENTS,
    /** support.md: flat bodies, errors {@code {error: true, error_type, ...}}. */
    SUPPORT,
    /** assistant.md: flat bodies, errors {@code {detail, status_code}}. */
    ASSISTANT,
    /** platform.md: flat bodies, errors {@code {error: {code, message, details, request_id}}}; the default. */
    PLATFORM,
    /** conversations.md: {@code {success, message, data}} envelope. */
    CONVERSATIONS;

    /** The dialect of a request path (no query string). The order of the checks matters: most specific first. */
    public static Dialect forPath(String path) {
        if (path == null || path.isEmpty()) {
            return PLATFORM;
        }
        if (path.startsWith("/api/v1/")) {
            return PLATFORM;
        }
        if (path.equals("/api/query") || startsWithSegment(path, "/api/session") || startsWithSegment(path, "/api/escalation")
                || startsWithSegment(path, "/api/test") || startsWithSegment(path, "/api/metrics") || path.equals("/api/status")) {
            return SUPPORT;
        }
        if (startsWithSegment(path, "/chat/conversations") || path.equals("/chat/search") || startsWithSegment(path, "/chat/analytics")) {
            return CONVERSATIONS;
        }
        if (path.equals("/chat") || path.equals("/chat/") || startsWithSegment(path, "/crm") || startsWithSegment(path, "/sessions")
                || path.equals("/upload_docs") || startsWithSegment(path, "/rag") || startsWithSegment(path, "/admin")) {
            return AGENTS;
        }
        if (startsWithSegment(path, "/v1") || startsWithSegment(path, "/chat")) {
            // /chat/{session_id} is assistant.md's WebSocket endpoint.
            return ASSISTANT;
        }
        return PLATFORM;
    }

    private static boolean startsWithSegment(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
