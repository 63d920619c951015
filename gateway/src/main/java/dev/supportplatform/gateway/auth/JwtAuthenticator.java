package dev.supportplatform.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.Scopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Verifies client JWTs: HS256 with the configured secret, RS256 with a key of the configured issuer's JWKS (fetched
 * and cached; refetched when a token names an unknown key id). Only those two algorithms are accepted, so
 * {@code alg: none} and algorithm-confusion tokens are refused; expired tokens and tokens without a tenant are refused.
 */
@Component
public class JwtAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Duration JWKS_REFRESH = Duration.ofMinutes(5);
    private static final Duration UNKNOWN_KID_REFETCH = Duration.ofSeconds(30);
    private static final Set<String> GRANTABLE = Set.of(Scopes.CHAT, Scopes.READ, Scopes.WRITE, Scopes.ADMIN);

    private final AuthProperties properties;
    private final MACVerifier hsVerifier;
    private final WebClient http;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<CachedJwks> jwks = new AtomicReference<>();

    record CachedJwks(JWKSet set, Instant fetchedAt) {
    }

    public JwtAuthenticator(AuthProperties properties) {
        this.properties = properties;
        this.http = WebClient.builder().build();
        String secret = properties.jwtHs256Secret();
        if (secret != null && !secret.isBlank()) {
            try {
                this.hsVerifier = new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("JWT_HS256_SECRET must be at least 32 bytes", e);
            }
        } else {
            this.hsVerifier = null;
        }
    }

    public static boolean looksLikeJwt(String value) {
        int first = value.indexOf('.');
        return first > 0 && value.indexOf('.', first + 1) > first && value.chars().filter(c -> c == '.').count() == 2;
    }

    public Mono<Caller> authenticate(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Mono.empty();
        }
        JWSHeader header = jwt.getHeader();
        if (JWSAlgorithm.HS256.equals(header.getAlgorithm()) && hsVerifier != null) {
            return Mono.justOrEmpty(verified(jwt, hsVerifier));
        }
        if (JWSAlgorithm.RS256.equals(header.getAlgorithm()) && hasJwks()) {
            return rsaKey(header.getKeyID()).flatMap(key -> {
                try {
                    return Mono.justOrEmpty(verified(jwt, new RSASSAVerifier(key)));
                } catch (JOSEException e) {
                    return Mono.empty();
                }
            });
        }
        return Mono.empty();
    }

    private boolean hasJwks() {
        return properties.jwtJwksUri() != null && !properties.jwtJwksUri().isBlank();
    }

    private Mono<RSAKey> rsaKey(String keyId) {
        CachedJwks cached = jwks.get();
        boolean fresh = cached != null && cached.fetchedAt().plus(JWKS_REFRESH).isAfter(clock.instant());
        RSAKey key = cached == null ? null : find(cached.set(), keyId);
        if (key != null && fresh) {
            return Mono.just(key);
        }
        // an unknown key id refetches the JWKS (the issuer may have rotated), but not more often than this
        if (key == null && cached != null && cached.fetchedAt().plus(UNKNOWN_KID_REFETCH).isAfter(clock.instant())) {
            return Mono.empty();
        }
        return fetchJwks().map(set -> find(set, keyId)).onErrorResume(e -> {
            log.warn("Could not fetch the JWKS: {}", e.toString());
            return Mono.justOrEmpty(key);
        });
    }

    private Mono<JWKSet> fetchJwks() {
        return http.get().uri(properties.jwtJwksUri()).retrieve().bodyToMono(String.class)
                .timeout(Duration.ofSeconds(3))
                .map(body -> {
                    try {
                        JWKSet set = JWKSet.parse(body);
                        jwks.set(new CachedJwks(set, clock.instant()));
                        return set;
                    } catch (ParseException e) {
                        throw new IllegalStateException("malformed JWKS", e);
                    }
                });
    }

    private static RSAKey find(JWKSet set, String keyId) {
        for (JWK jwk : set.getKeys()) {
            if (jwk instanceof RSAKey rsa && (keyId == null || keyId.equals(jwk.getKeyID()))) {
                return rsa;
            }
        }
        return null;
    }

    private java.util.Optional<Caller> verified(SignedJWT jwt, com.nimbusds.jose.JWSVerifier verifier) {
        try {
            if (!jwt.verify(verifier)) {
                return java.util.Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now)) {
                return java.util.Optional.empty();
            }
            if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
                return java.util.Optional.empty();
            }
            String issuer = properties.jwtIssuer();
            if (issuer != null && !issuer.isBlank() && !issuer.equals(claims.getIssuer())) {
                return java.util.Optional.empty();
            }
            Object tenant = claims.getClaim(properties.jwtTenantClaim());
            if (!(tenant instanceof String tenantId) || !TenantIds.valid(tenantId) || claims.getSubject() == null) {
                return java.util.Optional.empty();
            }
            Identity identity = new Identity(tenantId, claims.getSubject(), scopes(claims), "jwt");
            return java.util.Optional.of(Caller.of(identity, List.of()));
        } catch (JOSEException | ParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** OAuth's space-separated {@code scope} or a {@code scp} list; only platform scopes count; none means standard. */
    private static Set<String> scopes(JWTClaimsSet claims) throws ParseException {
        Set<String> granted = new HashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) {
            granted.addAll(Arrays.asList(s.trim().split("\\s+")));
        }
        List<String> scp = claims.getClaim("scp") instanceof List<?> ? claims.getStringListClaim("scp") : null;
        if (scp != null) {
            granted.addAll(scp);
        }
        granted.retainAll(GRANTABLE);
        return granted.isEmpty() ? Scopes.STANDARD : granted;
    }
}
