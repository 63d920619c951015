package dev.supportplatform.gateway.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.Dialect;
import dev.supportplatform.common.dialect.ErrorBodies;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;

/** Writes a gateway-originated failure in the error shape of the contract the path belongs to. */
@Component
public class ErrorWriter {

    private final JsonMapper json;
    private final Clock clock;

    public ErrorWriter(JsonMapper json) {
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiError error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        Dialect dialect = Dialect.forPath(path);
        Map<String, Object> body = ErrorBodies.render(dialect, error, RequestContext.requestId(exchange), clock.instant(),
                RequestContext.elapsedSeconds(exchange));
        response.setStatusCode(HttpStatus.valueOf(ErrorBodies.status(dialect, error)));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] bytes = json.writeValueAsBytes(body);
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
