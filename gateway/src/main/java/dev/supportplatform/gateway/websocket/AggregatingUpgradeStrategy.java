package dev.supportplatform.gateway.websocket;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Spring's Reactor Netty upgrade, plus aggregation of fragmented messages: clients send a large message as a text or
 * binary frame followed by continuation frames, which Spring's session cannot map to a message. Aggregated up to
 * {@code maxBytes}, each message reaches the proxy whole.
 */
final class AggregatingUpgradeStrategy implements RequestUpgradeStrategy {

    private final int maxBytes;

    AggregatingUpgradeStrategy(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
                              Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        HandshakeInfo handshakeInfo = handshakeInfoFactory.get();
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        URI uri = exchange.getRequest().getURI();
        return response.setComplete().then(Mono.defer(() -> {
            WebsocketServerSpec.Builder builder = WebsocketServerSpec.builder().maxFramePayloadLength(maxBytes);
            if (subProtocol != null) {
                builder.protocols(subProtocol);
            }
            WebsocketServerSpec spec = builder.build();
            return reactorResponse.sendWebsocket((in, out) -> {
                ReactorNettyWebSocketSession session = new ReactorNettyWebSocketSession(
                        in.aggregateFrames(maxBytes), out, handshakeInfo, bufferFactory, maxBytes);
                return handler.handle(session).checkpoint(uri + " [AggregatingUpgradeStrategy]");
            }, spec);
        }));
    }
}
