package dev.supportplatform.gateway.keys;

import java.time.Instant;
import java.util.List;

/** An API key as stored: never the secret, only its hash and a short display prefix. */
public record ApiKeyRecord(String id, String tenantId, String name, String prefix, String plan, long quotaPerHour,
                           List<String> scopes, boolean publishable, List<String> allowedOrigins,
                           List<String> tenantAllowedOrigins, Instant createdAt, Instant rotatedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
