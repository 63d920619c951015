package dev.supportplatform.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Credential settings ({@code gateway.auth.*}).
 *
 * @param rootApiKey       ROOT_API_KEY: full access, acting in the tenant named by X-Tenant-Id or in "default";
 *                         empty disables it
 * @param defaultTenant    the tenant of a single-company install
 * @param keyCacheTtl      how long a resolved key stays cached (revocation is also pushed to every replica at once)
 * @param sessionTtl       lifetime of an agents.md session token
 * @param jwtHs256Secret   JWT_HS256_SECRET: accept HS256 JWTs signed with it (at least 32 bytes); empty disables
 * @param jwtJwksUri       JWT_JWKS_URI: accept RS256 JWTs signed by a key of this JWKS; empty disables
 * @param jwtIssuer        JWT_ISSUER: the iss a JWT must carry, when set
 * @param jwtTenantClaim   the claim naming the tenant
 * @param maxBodySize      bodies larger than this are refused with 413: by Content-Length before reaching a service,
 *                         streamed (chunked) ones as they pass the limit ({@code StreamedBodyLimitWebFilter})
 * @param trustedProxies   TRUSTED_PROXIES: addresses of load balancers in front of the gateway, whose
 *                         X-Forwarded-For is believed when deciding the client IP for per-IP limits
 */
@ConfigurationProperties("gateway.auth")
public record AuthProperties(
        String rootApiKey,
        @DefaultValue("default") String defaultTenant,
        @DefaultValue("30s") Duration keyCacheTtl,
        @DefaultValue("24h") Duration sessionTtl,
        String jwtHs256Secret,
        String jwtJwksUri,
        String jwtIssuer,
        @DefaultValue("tenant_id") String jwtTenantClaim,
        @DefaultValue("100MB") DataSize maxBodySize,
        @DefaultValue List<String> trustedProxies) {
}
