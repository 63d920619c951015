package dev.supportplatform.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Signs the internal identity token forwarded to the services. A signed token is reused for a third of its
 * lifetime, so the hot path signs once per identity every few seconds rather than on every request.
 */
@Component
public class InternalTokens {

    private final InternalTokenCodec codec;
    private final Cache<Identity, String> signed;

    public InternalTokens(@Value("${platform.internal-token.secret:}") String secret,
                          @Value("${platform.internal-token.ttl:60s}") Duration ttl) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("INTERNAL_TOKEN_SECRET must be set (at least 32 bytes)");
        }
        this.codec = new InternalTokenCodec(secret, ttl);
        this.signed = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(ttl.dividedBy(3)).build();
    }

    public String tokenFor(Identity identity) {
        return signed.get(identity, codec::sign);
    }

    public InternalTokenCodec codec() {
        return codec;
    }
}
