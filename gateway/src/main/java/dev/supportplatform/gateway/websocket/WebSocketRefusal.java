package dev.supportplatform.gateway.websocket;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a WebSocket handshake the way a browser can see it: a browser's WebSocket reports a refused upgrade (an
 * HTTP 401) only as an anonymous error, so the upgrade is accepted and the connection closed at once with a close
 * code and reason (assistant.md: 1008 when authentication failed). Nothing is proxied and no message is read.
 */
@Component
public class WebSocketRefusal {

    public static final CloseStatus AUTHENTICATION_FAILED = CloseStatus.POLICY_VIOLATION.withReason("Authentication failed");

    private final HandshakeWebSocketService handshake = new HandshakeWebSocketService();

    public Mono<Void> close(ServerWebExchange exchange, CloseStatus status) {
        return handshake.handleRequest(exchange, session -> session.close(status));
    }
}
