package dev.supportplatform.common.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Signs and verifies the internal identity token: a compact JWT (HS256) carrying tenant, principal and scopes, valid
 * for a short time. Only HS256 with the shared secret is accepted, so {@code alg: none} and tokens signed with any
 * other key or algorithm are refused.
 */
public final class InternalTokenCodec {

    static final String ISSUER = "support-platform";
    static final String AUDIENCE = "support-platform-services";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;
    private final MACSigner signer;
    private final MACVerifier verifier;

    public InternalTokenCodec(String secret, Duration ttl) {
        this(secret, ttl, Clock.systemUTC());
    }

    public InternalTokenCodec(String secret, Duration ttl, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("the internal token secret must be at least 32 bytes (INTERNAL_TOKEN_SECRET)");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
        try {
            this.signer = new MACSigner(this.secret);
            this.verifier = new MACVerifier(this.secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable internal token secret", e);
        }
    }

    public String sign(Identity identity) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(identity.principal())
                .claim("tid", identity.tenantId())
                .claim("scp", List.copyOf(identity.scopes()))
                .claim("crd", identity.credential())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign internal token", e);
        }
        return jwt.serialize();
    }

    public Identity verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("missing internal token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new InvalidTokenException("unexpected token algorithm");
            }
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("bad token signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now)) {
                throw new InvalidTokenException("token expired");
            }
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
                throw new InvalidTokenException("token not issued for the platform's services");
            }
            String tenant = claims.getStringClaim("tid");
            List<String> scopes = claims.getStringListClaim("scp");
            return new Identity(tenant, claims.getSubject(), scopes == null ? Set.of() : new HashSet<>(scopes),
                    claims.getStringClaim("crd"));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw new InvalidTokenException("malformed internal token", e);
        }
    }
}
