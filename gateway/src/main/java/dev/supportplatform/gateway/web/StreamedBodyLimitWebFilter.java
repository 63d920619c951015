package dev.supportplatform.gateway.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.gateway.auth.AuthProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies that announce no length (chunked uploads) at the same size as those that do, which the
 * {@link dev.supportplatform.gateway.auth.AuthWebFilter} refuses from their Content-Length. The body is counted as it
 * streams through to the service, never buffered; the chunk that crosses the limit fails the upload, which is answered
 * with 413 in the path's dialect (by {@link GatewayErrorHandler}) and aborts the upstream request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class StreamedBodyLimitWebFilter implements WebFilter {

    private final long maxBodyBytes;

    public StreamedBodyLimitWebFilter(AuthProperties properties) {
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() >= 0 || request.getHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING) == null) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Capped(request, maxBodyBytes)).build());
    }

    private static final class Capped extends ServerHttpRequestDecorator {

        private final long maxBytes;

        Capped(ServerHttpRequest delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                long[] seen = {0};
                return super.getBody().map(buffer -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw tooLarge(maxBytes);
                    }
                    return buffer;
                });
            });
        }
    }

    static ApiErrorException tooLarge(long maxBytes) {
        return new ApiErrorException(ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE, "Request body too large",
                "the limit is " + maxBytes + " bytes"));
    }
}
