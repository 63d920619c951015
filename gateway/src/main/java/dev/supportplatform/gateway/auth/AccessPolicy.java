package dev.supportplatform.gateway.auth;

import dev.supportplatform.common.identity.Scopes;
import org.springframework.http.HttpMethod;

/**
 * What a request needs: nothing for the few public paths, otherwise a credential with the path's scope. Chat paths
 * need {@code chat} (the only scope of a publishable widget key), administration needs {@code admin}, everything else
 * {@code read} to read and {@code write} to change.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** Served without a credential and without counting: the gateway's own probes and metrics. */
    public static boolean isOperational(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/actuator/prometheus")
                || path.equals("/actuator/info");
    }

    /** Served without a credential (still rate limited). */
    public static boolean isPublic(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        return path.equals("/health") || path.equals("/docs") || path.equals("/redoc") || path.equals("/openapi.json")
                || path.equals("/v3/api-docs") || path.startsWith("/docs/")
                // the token in the path is itself the credential being checked
                || path.startsWith("/sessions/validate/");
    }

    public static String requiredScope(HttpMethod method, String path) {
        if (startsWithSegment(path, "/admin") || startsWithSegment(path, "/api/v1/tenants")) {
            return Scopes.ADMIN;
        }
        if (isChatPath(path)) {
            return Scopes.CHAT;
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS ? Scopes.READ : Scopes.WRITE;
    }

    /** What a chat widget needs: send messages, stream, hold a WebSocket, and read back its own conversation. */
    static boolean isChatPath(String path) {
        return path.equals("/chat") || isChatSocketPath(path) || startsWithSegment(path, "/v1/chat") || path.equals("/api/query")
                || startsWithSegment(path, "/api/session") || startsWithSegment(path, "/api/v1/conversations")
                || startsWithSegment(path, "/chat/conversations") || startsWithSegment(path, "/sessions");
    }

    /** assistant.md's WebSocket: {@code /chat/{session_id}} (one segment, not one of the REST paths under /chat). */
    public static boolean isChatSocketPath(String path) {
        if (!path.startsWith("/chat/") || path.indexOf('/', "/chat/".length()) >= 0) {
            return false;
        }
        String segment = path.substring("/chat/".length());
        return !segment.isEmpty() && !segment.equals("conversations") && !segment.equals("search") && !segment.equals("analytics");
    }

    static boolean startsWithSegment(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
