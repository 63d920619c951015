package dev.supportplatform.gateway.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.netty.channel.ConnectTimeoutException;
import org.springframework.core.codec.DecodingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Renders every failure that reaches the web layer (unknown paths, framework errors, a service that is down, slow or
 * breaks the connection) in the path's dialect. Runs before Spring Boot's default handler, so no framework page is
 * ever sent.
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final ErrorWriter errors;

    public GatewayErrorHandler(ErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ApiError error = toApiError(ex);
        exchange.getResponse().getHeaders().remove("Content-Length");
        if (error.kind().status() < 500) {
            return errors.write(exchange, error);
        }
        // Context propagation is "limited" (cheaper on the hot path), so the trace is put in scope for this log line.
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                if (error.kind() == ErrorKind.INTERNAL) {
                    log.error("{} {} failed unexpectedly", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
                } else {
                    log.warn("{} {} failed: {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                            error.message(), ex.toString());
                }
            }
            return errors.write(exchange, error);
        });
    }

    static ApiError toApiError(Throwable ex) {
        if (ex instanceof ApiErrorException apiError) {
            return apiError.error();
        }
        Throwable cause = rootConnectFailure(ex);
        if (cause instanceof ConnectTimeoutException) {
            return ApiError.of(ErrorKind.UNAVAILABLE, "The service is not reachable", "connection to the service timed out");
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return ApiError.of(ErrorKind.UNAVAILABLE, "The service is not available", "connection to the service refused");
        }
        if (cause instanceof TimeoutException) {
            return ApiError.of(ErrorKind.TIMEOUT, "The service did not answer in time");
        }
        if (cause instanceof PrematureCloseException) {
            return ApiError.of(ErrorKind.BAD_GATEWAY, "The service closed the connection", "connection closed before the response completed");
        }
        if (ex instanceof ServerWebInputException input) {
            return ApiError.of(ErrorKind.VALIDATION, "Malformed request", input.getReason());
        }
        if (ex instanceof DecodingException decoding) {
            return ApiError.of(ErrorKind.VALIDATION, "Malformed request body", decoding.getMessage());
        }
        if (ex instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            return switch (code) {
                case 404 -> ApiError.of(ErrorKind.NOT_FOUND, "Not found", "no endpoint at this path");
                case 405 -> ApiError.of(ErrorKind.METHOD_NOT_ALLOWED, "Method not allowed");
                case 413 -> ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE, "Request body too large");
                case 415 -> ApiError.of(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");
                case 503 -> ApiError.of(ErrorKind.UNAVAILABLE, "The service is not available");
                case 504 -> ApiError.of(ErrorKind.TIMEOUT, "The service did not answer in time");
                default -> ApiError.of(ErrorKind.forStatus(code), status.getReason() != null ? status.getReason() : "Request failed");
            };
        }
        return ApiError.of(ErrorKind.INTERNAL, "Internal error");
    }

    private static Throwable rootConnectFailure(Throwable ex) {
        Throwable current = ex;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof ConnectException || current instanceof ConnectTimeoutException
                    || current instanceof UnknownHostException || current instanceof TimeoutException
                    || current instanceof PrematureCloseException) {
                return current;
            }
            current = current.getCause();
        }
        return null;
    }
}
