package dev.supportplatform.common.test;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.Scopes;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Internal tokens as the gateway would sign them, for tests that call a service directly. */
public final class TestTokens {
    public static final String SECRET = "test-internal-token-secret-0123456789abcdef";
    private static final InternalTokenCodec CODEC = new InternalTokenCodec(SECRET, Duration.ofMinutes(5));

    private TestTokens() {
    }

    /** A fresh tenant id, so that tests sharing one database never see each other's rows. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String forTenant(String tenantId) {
        return CODEC.sign(new Identity(tenantId, "test-key", Scopes.STANDARD, "api_key"));
    }

    public static String adminOf(String tenantId) {
        return CODEC.sign(new Identity(tenantId, "test-admin", Set.of(Scopes.ADMIN), "root"));
    }

    public static String sign(Identity identity) {
        return CODEC.sign(identity);
    }
}
