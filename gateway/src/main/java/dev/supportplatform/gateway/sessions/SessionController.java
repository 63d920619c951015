package dev.supportplatform.gateway.sessions;

import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.identity.Scopes;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.gateway.auth.AuthProperties;
import dev.supportplatform.gateway.auth.AuthWebFilter;
import dev.supportplatform.gateway.auth.Caller;
import dev.supportplatform.gateway.auth.Callers;
import dev.supportplatform.gateway.auth.Secrets;
import dev.supportplatform.gateway.ratelimit.RateLimiter;
import dev.supportplatform.gateway.web.ApiErrorException;
import dev.supportplatform.gateway.web.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * agents.md sessions: a 32-character URL-safe random token per session, stored hashed, expiring. The token then
 * works as a credential ({@code Authorization: Bearer <session_token>}) with at most the creator's chat/read/write
 * scopes in the creator's tenant.
 */
@RestController
@Tag(name = "Sessions", description = "agents.md session tokens")
public class SessionController {

    public record CreateSessionRequest(String userId) {
    }

    private final SessionRepository sessions;
    private final AuthProperties properties;
    private final RateLimiter limiter;

    public SessionController(SessionRepository sessions, AuthProperties properties, RateLimiter limiter) {
        this.sessions = sessions;
        this.properties = properties;
        this.limiter = limiter;
    }

    @PostMapping("/sessions/create")
    @Operation(summary = "Create a session for a user; the token is shown once")
    public Mono<ResponseEntity<Map<String, Object>>> create(@RequestBody CreateSessionRequest request, ServerWebExchange exchange) {
        Caller caller = Callers.require(exchange);
        if (request == null || request.userId() == null || request.userId().isBlank()) {
            throw ApiErrorException.invalid("user_id", "user_id is required");
        }
        if (request.userId().length() > 200) {
            throw ApiErrorException.invalid("user_id", "user_id is too long");
        }
        String token = Ids.urlSafeToken(24);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> scopes = new ArrayList<>();
        for (String scope : List.of(Scopes.CHAT, Scopes.READ, Scopes.WRITE)) {
            if (caller.identity().hasScope(scope)) {
                scopes.add(scope);
            }
        }
        SessionRecord session = new SessionRecord(Ids.uuidV7().toString(), caller.tenantId(), request.userId().trim(), scopes,
                now, now.plus(properties.sessionTtl()));
        return Mono.fromRunnable(() -> sessions.insert(session, Secrets.sha256(token)))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromSupplier(() -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("session_id", session.id());
                    data.put("session_token", token);
                    data.put("user_id", session.userId());
                    data.put("expires_at", session.expiresAt().toString());
                    data.put("created_at", session.createdAt().toString());
                    return ResponseEntity.ok(Envelopes.agents(data, RequestContext.elapsedSeconds(exchange), Instant.now()));
                }));
    }

    @GetMapping("/sessions/validate/{sessionToken}")
    @Operation(summary = "Check a session token; an unknown or expired token answers valid: false")
    public Mono<Map<String, Object>> validate(@PathVariable String sessionToken, ServerWebExchange exchange) {
        Caller caller = Callers.optional(exchange);
        String ip = exchange.getAttribute(AuthWebFilter.CLIENT_IP_ATTRIBUTE);
        return Mono.fromCallable(() -> sessions.findLive(Secrets.sha256(sessionToken), Instant.now()))
                .subscribeOn(Schedulers.boundedElastic())
                // a caller with its own credential learns only about sessions of its tenant
                .map(found -> found.filter(s -> caller == null || caller.isRoot() || s.tenantId().equals(caller.tenantId())))
                .flatMap(found -> found.isPresent() || ip == null
                        ? Mono.just(found) : limiter.recordFailure(ip).thenReturn(found))
                .map(found -> Envelopes.agents(validation(found), RequestContext.elapsedSeconds(exchange), Instant.now()));
    }

    private static Map<String, Object> validation(Optional<SessionRecord> session) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("valid", session.isPresent());
        data.put("session_id", session.map(SessionRecord::id).orElse(null));
        data.put("user_id", session.map(SessionRecord::userId).orElse(null));
        data.put("expires_at", session.map(s -> s.expiresAt().toString()).orElse(null));
        return data;
    }

    /** Expired sessions can never be used again; dropping them keeps lookups small. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void deleteExpired() {
        sessions.deleteExpired(Instant.now().minus(1, ChronoUnit.DAYS));
    }
}
