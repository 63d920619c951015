package dev.supportplatform.gateway.websocket;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The gateway's WebSocket handshake, with assistant.md's limit of messages per minute per connection applied to what
 * the client sends: past the limit the connection is closed with 1008 (policy violation).
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketLimits {

    /**
     * Fragmented client messages (continuation frames, which browsers and the JDK client send for large messages) are
     * aggregated into one message of at most the frame limit before they are proxied.
     */
    @Bean
    @Primary
    WebSocketService messageLimitedWebSocketService(
            @Value("${spring.cloud.gateway.server.webflux.httpclient.websocket.max-frame-payload-length:65536}") int maxBytes,
            @Value("${gateway.rate-limit.websocket-messages-per-minute:1000}") int perMinute) {
        HandshakeWebSocketService handshake = new HandshakeWebSocketService(new EventLoopUpgradeStrategy(maxBytes));
        return new WebSocketService() {
            @Override
            public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
                return handshake.handleRequest(exchange, new WebSocketHandler() {
                    @Override
                    public List<String> getSubProtocols() {
                        return handler.getSubProtocols();
                    }

                    @Override
                    public Mono<Void> handle(WebSocketSession session) {
                        return handler.handle(new MessageLimitedSession(session, perMinute));
                    }
                });
            }
        };
    }
}
