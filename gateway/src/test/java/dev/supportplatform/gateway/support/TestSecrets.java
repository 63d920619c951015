package dev.supportplatform.gateway.support;

import dev.supportplatform.common.identity.InternalTokenCodec;

import java.time.Duration;

public final class TestSecrets {
    public static final String INTERNAL_TOKEN_SECRET = "gateway-test-internal-secret-0123456789abcdef";
    public static final String ROOT_KEY = "root-test-key-5f1d2c3b4a69788796a5b4c3d2e1f0";
    public static final String JWT_SECRET = "gateway-test-jwt-hs256-secret-0123456789abcdef";
    public static final InternalTokenCodec CODEC = new InternalTokenCodec(INTERNAL_TOKEN_SECRET, Duration.ofMinutes(5));

    private TestSecrets() {
    }
}
