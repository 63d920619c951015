package dev.supportplatform.gateway.keys;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of the key management API (snake_case on the wire). */
public final class KeyApi {

    private KeyApi() {
    }

    /**
     * @param plan            free, starter, professional or enterprise
     * @param quotaPerHour    enterprise only: the custom hourly quota
     * @param scopes          chat, read, write, admin; standard keys default to chat, read, write
     * @param publishable     a widget key: always and only the chat scope, usable only from allowed_origins
     * @param allowedOrigins  browser origins (scheme://host[:port]) the key may be used from
     */
    public record CreateKeyRequest(String name, String plan, Long quotaPerHour, List<String> scopes, Boolean publishable,
                                   List<String> allowedOrigins) {
    }

    /** A key's public description; {@code key} (the secret) is present only when it was just created or rotated. */
    public record KeyView(String id, String tenantId, String name, String key, String prefix, String plan, long quotaPerHour,
                          List<String> scopes, boolean publishable, List<String> allowedOrigins, String status,
                          Instant createdAt, Instant rotatedAt, Instant revokedAt) {

        static KeyView of(ApiKeyRecord key, String secret) {
            return new KeyView(key.id(), key.tenantId(), key.name(), secret, key.prefix(), key.plan(), key.quotaPerHour(),
                    key.scopes(), key.publishable(), key.allowedOrigins(), key.active() ? "active" : "revoked",
                    key.createdAt(), key.rotatedAt(), key.revokedAt());
        }
    }

    public record KeyList(List<KeyView> apiKeys, int total) {
    }

    public record CreateTenantRequest(String id, String name, List<String> allowedOrigins) {
    }

    public record UpdateTenantRequest(List<String> allowedOrigins) {
    }

    public record TenantView(String id, String name, List<String> allowedOrigins, Instant createdAt) {
        static TenantView of(TenantRecord tenant) {
            return new TenantView(tenant.id(), tenant.name(), tenant.allowedOrigins(), tenant.createdAt());
        }
    }
}
