package dev.supportplatform.chat.api.assistant;

import dev.supportplatform.common.service.identity.IdentityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import java.util.List;
import java.util.Map;

/**
 * assistant.md's {@code WebSocket /chat/{session_id}} on the servlet stack. Only upgrade requests are matched, so the
 * REST paths under {@code /chat} stay with their controllers. The gateway has authenticated the client and checked
 * its origin; the handshake carries the internal token like any request, and the identity it names is kept with the
 * connection.
 */
@Configuration(proxyBeanMethods = false)
public class ChatWebSocketConfiguration {

    static final String IDENTITY = "identity";

    @Bean
    WebSocketHandlerMapping chatWebSocketMapping(ChatWebSocketHandler handler) {
        WebSocketHttpRequestHandler upgrade = new WebSocketHttpRequestHandler(handler, new DefaultHandshakeHandler());
        upgrade.setHandshakeInterceptors(List.of(new IdentityHandshake()));
        WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of("/chat/*", upgrade));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(-1);
        return mapping;
    }

    /** The identity the internal-token filter bound to the handshake request, for the connection's lifetime. */
    static final class IdentityHandshake implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                                       Map<String, Object> attributes) {
            IdentityContext.current().ifPresent(identity -> attributes.put(IDENTITY, identity));
            return attributes.containsKey(IDENTITY);
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                                   Exception exception) {
        }
    }
}
