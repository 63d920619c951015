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
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Spring's Reactor Netty upgrade, with two differences that matter to clients who send the moment the socket opens
 * (browsers in {@code onopen}, the JDK client right after {@code buildAsync}):
 * <ul>
 *   <li>It starts on the connection's own event loop. The credential check before it may finish on another thread (a
 *   blocking lookup runs on the bounded elastic scheduler); started from there, Reactor Netty writes the 101 on the
 *   event loop but switches the connection to its WebSocket operations in a later event-loop task, and frames read in
 *   between are dropped with the finished HTTP request. On the event loop the write, the switch and the handler's
 *   start happen in one task.</li>
 *   <li>Fragmented messages (a text or binary frame followed by continuation frames) are joined from the first frame
 *   on, up to {@code maxBytes}: Spring's session joins them only from the moment the proxy subscribes, which is after
 *   the connection to the chat service is open.</li>
 * </ul>
 */
final class EventLoopUpgradeStrategy implements RequestUpgradeStrategy {

    private final int maxBytes;

    EventLoopUpgradeStrategy(int maxBytes) {
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
        WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().maxFramePayloadLength(maxBytes);
        if (subProtocol != null) {
            spec.protocols(subProtocol);
        }
        return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
                    ReactorNettyWebSocketSession session = new ReactorNettyWebSocketSession(
                            in.aggregateFrames(maxBytes), out, handshakeInfo, bufferFactory, maxBytes);
                    return handler.handle(session).checkpoint(uri + " [EventLoopUpgradeStrategy]");
                }, spec.build())))
                .subscribeOn(Schedulers.fromExecutor(((Connection) reactorResponse).channel().eventLoop()));
    }
}
