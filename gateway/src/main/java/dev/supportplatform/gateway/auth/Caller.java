package dev.supportplatform.gateway.auth;

import dev.supportplatform.common.identity.Identity;

import java.time.Instant;
import java.util.List;

/**
 * A resolved credential: the identity forwarded to the services plus what the gateway itself enforces.
 *
 * @param identity       tenant, principal, scopes and credential type
 * @param keyId          the API key's id when the credential is a key (its plan quota is counted per key)
 * @param quotaPerHour   the key's plan quota; null when the credential has none (root, sessions, JWTs)
 * @param publishable    a widget key: chat only, and only from {@code allowedOrigins}
 * @param allowedOrigins browser origins this credential may be used from (the key's, else the tenant's)
 * @param expiresAt      when the credential stops being valid, if it expires on its own (sessions)
 */
public record Caller(Identity identity, String keyId, Long quotaPerHour, boolean publishable, List<String> allowedOrigins,
                     Instant expiresAt) {

    public Caller {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public static Caller of(Identity identity, List<String> allowedOrigins) {
        return new Caller(identity, null, null, false, allowedOrigins, null);
    }

    public String tenantId() {
        return identity.tenantId();
    }

    public boolean isRoot() {
        return "root".equals(identity.credential());
    }
}
