package dev.supportplatform.gateway.websocket;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a WebSocket handshake the way a browser can see it: a browser's WebSocket reports a refused upgrade (an
 * HTTP 401) only as an anonymous error, so the upgrade is accepted and the connection closed at once with a close
 * code and reason (assistant.md: 1008 when authentication failed; also for a disallowed origin or a missing scope, and
 * 1013 when the handshake is over a rate limit). Nothing is proxied and no message is read.
 */
@Component
public class WebSocketRefusal {

    public static final CloseStatus AUTHENTICATION_FAILED = CloseStatus.POLICY_VIOLATION.withReason("Authentication failed");
    public static final CloseStatus ORIGIN_NOT_ALLOWED = CloseStatus.POLICY_VIOLATION.withReason("Origin not allowed");
    public static final CloseStatus INSUFFICIENT_PERMISSIONS = CloseStatus.POLICY_VIOLATION.withReason("Insufficient permissions");
    /** RFC 6455's 1013 "Try Again Later": the handshake was over a rate limit. */
    public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "Rate limit exceeded");

    private final HandshakeWebSocketService handshake = new HandshakeWebSocketService();

    public Mono<Void> close(ServerWebExchange exchange, CloseStatus status) {
        return handshake.handleRequest(exchange, session -> session.close(status));
    }
}
