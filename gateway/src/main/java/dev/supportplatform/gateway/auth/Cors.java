package dev.supportplatform.gateway.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Browser access for the chat widget. Preflights carry no credential, so they are answered for any origin; the real
 * request is then allowed only from the credential's allowed origins (a publishable key must always name one).
 */
final class Cors {

    private Cors() {
    }

    static boolean isPreflight(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.OPTIONS && request.getHeaders().getOrigin() != null
                && request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    static Mono<Void> answerPreflight(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        allow(response, exchange.getRequest().getHeaders().getOrigin());
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, X-API-Key, X-Request-Id, Accept");
        headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        response.setStatusCode(HttpStatus.NO_CONTENT);
        return response.setComplete();
    }

    static void allow(ServerHttpResponse response, String origin) {
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                "X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After");
        headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    /**
     * Publishable keys: only from a listed origin. Other credentials (checked on WebSocket handshakes, which browsers
     * do not guard with CORS): no Origin (not a browser), the gateway's own origin, or a listed origin.
     */
    static boolean originAllowed(Caller caller, String origin, ServerHttpRequest request) {
        if (origin == null) {
            return !caller.publishable();
        }
        if (caller.allowedOrigins().contains(origin)) {
            return true;
        }
        return !caller.publishable() && sameOrigin(origin, request);
    }

    private static boolean sameOrigin(String origin, ServerHttpRequest request) {
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
