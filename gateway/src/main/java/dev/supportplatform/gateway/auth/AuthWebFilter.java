package dev.supportplatform.gateway.auth;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.gateway.ratelimit.Decision;
import dev.supportplatform.gateway.ratelimit.LimitPolicy;
import dev.supportplatform.gateway.ratelimit.RateLimiter;
import dev.supportplatform.gateway.web.ErrorWriter;
import dev.supportplatform.gateway.web.RequestContext;
import dev.supportplatform.gateway.websocket.WebSocketRefusal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Optional;

/**
 * The gateway's front door, for every request: resolves the credential, enforces scope, origin and body size,
 * counts the request against its rate limits (headers on every response), and forwards only the resolved identity:
 * client-sent identity headers and the client's own credential are stripped and replaced by the signed internal
 * token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AuthWebFilter implements WebFilter {

    public static final String CALLER_ATTRIBUTE = AuthWebFilter.class.getName() + ".caller";
    public static final String CLIENT_IP_ATTRIBUTE = AuthWebFilter.class.getName() + ".clientIp";
    static final String API_KEY_HEADER = "X-API-Key";

    private final CredentialResolver resolver;
    private final RateLimiter limiter;
    private final LimitPolicy limits;
    private final InternalTokens tokens;
    private final ClientAddress clientAddress;
    private final ErrorWriter errors;
    private final WebSocketRefusal refusal;
    private final long maxBodyBytes;

    public AuthWebFilter(CredentialResolver resolver, RateLimiter limiter, LimitPolicy limits, InternalTokens tokens,
                         ClientAddress clientAddress, ErrorWriter errors, WebSocketRefusal refusal, AuthProperties properties) {
        this.resolver = resolver;
        this.limiter = limiter;
        this.limits = limits;
        this.tokens = tokens;
        this.clientAddress = clientAddress;
        this.errors = errors;
        this.refusal = refusal;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (AccessPolicy.isOperational(path)) {
            return chain.filter(exchange);
        }
        String ip = clientAddress.of(request);
        exchange.getAttributes().put(CLIENT_IP_ATTRIBUTE, ip);
        if (request.getHeaders().getContentLength() > maxBodyBytes) {
            return limited(exchange, ip, null, () -> errors.write(exchange, ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE,
                    "Request body too large", "the limit is " + maxBodyBytes + " bytes")));
        }
        if (Cors.isPreflight(request)) { // counted per IP like any request, so preflights cannot flood the gateway
            return limited(exchange, ip, null, () -> Cors.answerPreflight(exchange));
        }
        String tenantHeader = request.getHeaders().getFirst(PlatformHeaders.TENANT_ID);
        if (tenantHeader != null && !TenantIds.valid(tenantHeader)) {
            return limited(exchange, ip, null, () -> errors.write(exchange,
                    ApiError.validation(PlatformHeaders.TENANT_ID, "Invalid tenant id")));
        }
        String secret = presentedSecret(request);
        if (secret == null) {
            if (AccessPolicy.isPublic(request.getMethod(), path)) {
                return limited(exchange, ip, null, () -> chain.filter(forward(exchange, null)));
            }
            return limited(exchange, ip, null, () -> unauthenticated(exchange,
                    ApiError.of(ErrorKind.UNAUTHORIZED, "Authentication required", "send an API key, a session token or a JWT")));
        }
        return resolver.resolve(secret, tenantHeader)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isPresent()
                        ? authorized(exchange, chain, ip, path, caller.get())
                        : limited(exchange, ip, null, () -> limiter.recordFailure(ip).then(unauthenticated(exchange,
                        ApiError.of(ErrorKind.UNAUTHORIZED, "Invalid credentials", "the credential is unknown, revoked or expired")))));
    }

    /** 401 in the path's dialect; a WebSocket handshake is accepted and closed with 1008, which a browser can see. */
    private Mono<Void> unauthenticated(ServerWebExchange exchange, ApiError error) {
        if (isWebSocket(exchange.getRequest())) {
            return refusal.close(exchange, WebSocketRefusal.AUTHENTICATION_FAILED);
        }
        return errors.write(exchange, error);
    }

    /** 403 in the path's dialect; a WebSocket handshake is accepted and closed with 1008 and the reason instead. */
    private Mono<Void> forbidden(ServerWebExchange exchange, org.springframework.web.reactive.socket.CloseStatus close, ApiError error) {
        return isWebSocket(exchange.getRequest()) ? refusal.close(exchange, close) : errors.write(exchange, error);
    }

    private Mono<Void> authorized(ServerWebExchange exchange, WebFilterChain chain, String ip, String path, Caller caller) {
        ServerHttpRequest request = exchange.getRequest();
        return limited(exchange, ip, caller, () -> {
            String scope = AccessPolicy.requiredScope(request.getMethod(), path);
            if (!caller.identity().hasScope(scope)) {
                return forbidden(exchange, WebSocketRefusal.INSUFFICIENT_PERMISSIONS, ApiError.of(ErrorKind.FORBIDDEN,
                        "Insufficient permissions", "this credential lacks the '" + scope + "' scope"));
            }
            String origin = request.getHeaders().getOrigin();
            if ((caller.publishable() || isWebSocket(request)) && !Cors.originAllowed(caller, origin, request)) {
                return forbidden(exchange, WebSocketRefusal.ORIGIN_NOT_ALLOWED, ApiError.of(ErrorKind.FORBIDDEN,
                        "Origin not allowed", "this credential may not be used from origin " + origin));
            }
            if (origin != null && caller.allowedOrigins().contains(origin)) {
                Cors.allow(exchange.getResponse(), origin);
            }
            exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
            return chain.filter(forward(exchange, caller));
        });
    }

    /** Counts the request; on success runs {@code next} with the X-RateLimit-* headers set, else answers 429. */
    private Mono<Void> limited(ServerWebExchange exchange, String ip, Caller caller,
                               java.util.function.Supplier<Mono<Void>> next) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return limiter.check(ip, limits.limitsFor(ip, path, caller)).flatMap(decision -> {
            setHeaders(exchange.getResponse(), decision);
            if (decision.allowed()) {
                return next.get();
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            if (isWebSocket(exchange.getRequest())) {
                return refusal.close(exchange, WebSocketRefusal.TRY_AGAIN_LATER);
            }
            return errors.write(exchange, ApiError.of(ErrorKind.RATE_LIMITED,
                    "Rate limit exceeded. Try again in " + decision.retryAfterSeconds() + " seconds.",
                    decision.limit().name() + " limit of " + decision.limit().limit() + " per "
                            + decision.limit().windowSeconds() + "s"));
        });
    }

    private static void setHeaders(ServerHttpResponse response, Decision decision) {
        HttpHeaders headers = response.getHeaders();
        headers.set("X-RateLimit-Limit", Long.toString(decision.limit().limit()));
        headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(decision.resetAt()));
    }

    /**
     * The request as the service sees it: no client identity headers or credentials, plus the internal token and the
     * request id.
     */
    private ServerWebExchange forward(ServerWebExchange exchange, Caller caller) {
        ServerHttpRequest request = exchange.getRequest();
        URI uri = request.getURI();
        ServerHttpRequest.Builder builder = request.mutate();
        if (uri.getRawQuery() != null && (uri.getRawQuery().contains("api_key=") || uri.getRawQuery().contains("token="))) {
            builder.uri(UriComponentsBuilder.fromUri(uri).replaceQueryParam("api_key").replaceQueryParam("token")
                    .build(true).toUri());
        }
        builder.headers(headers -> {
            PlatformHeaders.CLIENT_IDENTITY_HEADERS.forEach(headers::remove);
            headers.remove(API_KEY_HEADER);
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.set(PlatformHeaders.REQUEST_ID, RequestContext.requestId(exchange));
            if (caller != null) {
                headers.set(PlatformHeaders.INTERNAL_TOKEN, tokens.tokenFor(caller.identity()));
            }
        });
        return exchange.mutate().request(builder.build()).build();
    }

    /** X-API-Key, then Authorization: Bearer, then the api_key (or, for WebSocket handshakes, token) query parameter. */
    static String presentedSecret(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String query = request.getQueryParams().getFirst("api_key");
        if (query != null && !query.isBlank()) {
            return query;
        }
        if (isWebSocket(request)) {
            String token = request.getQueryParams().getFirst("token");
            if (token != null && !token.isBlank()) {
                return token;
            }
        }
        return null;
    }

    static boolean isWebSocket(ServerHttpRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
    }
}
