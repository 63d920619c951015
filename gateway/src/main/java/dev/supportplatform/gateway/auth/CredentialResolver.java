package dev.supportplatform.gateway.auth;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.Scopes;
import dev.supportplatform.gateway.keys.ApiKeyRecord;
import dev.supportplatform.gateway.keys.KeyRepository;
import dev.supportplatform.gateway.sessions.SessionRecord;
import dev.supportplatform.gateway.sessions.SessionRepository;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Turns a presented secret into a {@link Caller}: the root key, an API key ({@code sk_...} secret,
 * {@code pk_...} publishable), a JWT, or an agents.md session token. Empty when the secret is not valid.
 */
@Component
public class CredentialResolver {

    public static final String SECRET_KEY_PREFIX = "sk_";
    public static final String PUBLISHABLE_KEY_PREFIX = "pk_";
    /** agents.md session tokens: 24 random bytes, URL-safe base64, 32 characters. */
    private static final Pattern SESSION_TOKEN = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final AuthProperties properties;
    private final String rootKeyHash;
    private final CredentialCache cache;
    private final KeyRepository keys;
    private final SessionRepository sessions;
    private final JwtAuthenticator jwts;
    private final Clock clock = Clock.systemUTC();

    public CredentialResolver(AuthProperties properties, CredentialCache cache, KeyRepository keys,
                              SessionRepository sessions, JwtAuthenticator jwts) {
        this.properties = properties;
        String root = properties.rootApiKey();
        this.rootKeyHash = root == null || root.isBlank() ? null : Secrets.sha256(root);
        this.cache = cache;
        this.keys = keys;
        this.sessions = sessions;
        this.jwts = jwts;
    }

    /**
     * @param requestedTenant the X-Tenant-Id header, honoured only for the root key
     */
    public Mono<Caller> resolve(String secret, String requestedTenant) {
        if (secret == null || secret.isBlank() || secret.length() > 4096) {
            return Mono.empty();
        }
        String hash = Secrets.sha256(secret);
        if (rootKeyHash != null && Secrets.constantTimeEquals(hash, rootKeyHash)) {
            String tenant = requestedTenant == null || requestedTenant.isBlank() ? properties.defaultTenant() : requestedTenant;
            return Mono.just(Caller.of(new Identity(tenant, "root", Set.of(Scopes.ADMIN), "root"), List.of()));
        }
        if (secret.startsWith(SECRET_KEY_PREFIX) || secret.startsWith(PUBLISHABLE_KEY_PREFIX)) {
            return cache.get(hash, () -> keys.findActiveBySecretHash(hash).map(CredentialResolver::keyCaller));
        }
        if (JwtAuthenticator.looksLikeJwt(secret)) {
            return jwts.authenticate(secret);
        }
        if (!SESSION_TOKEN.matcher(secret).matches()) {
            return Mono.empty();
        }
        return cache.get(hash, () -> sessions.findLive(hash, clock.instant()).map(CredentialResolver::sessionCaller))
                .filter(caller -> caller.expiresAt() == null || caller.expiresAt().isAfter(clock.instant()));
    }

    static Caller keyCaller(ApiKeyRecord key) {
        Identity identity = new Identity(key.tenantId(), key.id(), new HashSet<>(key.scopes()), "api_key");
        List<String> origins = key.publishable() || !key.allowedOrigins().isEmpty() ? key.allowedOrigins() : key.tenantAllowedOrigins();
        return new Caller(identity, key.id(), key.quotaPerHour(), key.publishable(), origins, null);
    }

    static Caller sessionCaller(SessionRecord session) {
        Identity identity = new Identity(session.tenantId(), session.userId(), new HashSet<>(session.scopes()), "session");
        return new Caller(identity, null, null, false, List.of(), session.expiresAt());
    }
}
