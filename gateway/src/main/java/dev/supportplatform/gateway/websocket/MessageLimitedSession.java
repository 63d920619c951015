package dev.supportplatform.gateway.websocket;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.function.Function;

/** A client session whose incoming messages are counted per minute; past the limit it is closed with 1008. */
final class MessageLimitedSession implements WebSocketSession {

    static final CloseStatus TOO_MANY_MESSAGES = CloseStatus.POLICY_VIOLATION.withReason("message rate limit exceeded");

    private final WebSocketSession delegate;
    private final int perMinute;
    private long windowStartMillis;
    private int inWindow;

    MessageLimitedSession(WebSocketSession delegate, int perMinute) {
        this.delegate = delegate;
        this.perMinute = perMinute;
        this.windowStartMillis = System.currentTimeMillis();
    }

    /** Synchronous on purpose: the transport releases a frame once it has been handed on. */
    @Override
    public Flux<WebSocketMessage> receive() {
        return delegate.receive().takeWhile(message -> {
            if (withinLimit()) {
                return true;
            }
            delegate.close(TOO_MANY_MESSAGES).subscribe();
            return false;
        });
    }

    /** Messages of one connection arrive in order on one thread, so plain fields suffice. */
    private boolean withinLimit() {
        long now = System.currentTimeMillis();
        if (now - windowStartMillis >= 60_000) {
            windowStartMillis = now;
            inWindow = 0;
        }
        return ++inWindow <= perMinute;
    }

    @Override
    public String getId() {
        return delegate.getId();
    }

    @Override
    public HandshakeInfo getHandshakeInfo() {
        return delegate.getHandshakeInfo();
    }

    @Override
    public DataBufferFactory bufferFactory() {
        return delegate.bufferFactory();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return delegate.getAttributes();
    }

    @Override
    public Mono<Void> send(Publisher<WebSocketMessage> messages) {
        return delegate.send(messages);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public Mono<Void> close(CloseStatus status) {
        return delegate.close(status);
    }

    @Override
    public Mono<CloseStatus> closeStatus() {
        return delegate.closeStatus();
    }

    @Override
    public WebSocketMessage textMessage(String payload) {
        return delegate.textMessage(payload);
    }

    @Override
    public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return delegate.binaryMessage(payloadFactory);
    }

    @Override
    public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return delegate.pingMessage(payloadFactory);
    }

    @Override
    public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
        return delegate.pongMessage(payloadFactory);
    }
}
