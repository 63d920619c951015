package dev.supportplatform.common.service.identity;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.InvalidTokenException;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.service.web.DialectErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses every request that does not carry a valid internal token from the gateway (401 in the path's dialect),
 * and binds the verified identity for the rest of the request. Hand-written identity headers count for nothing.
 * Only the actuator endpoints (health probes and metrics scraping) are open.
 */
public class InternalTokenFilter extends OncePerRequestFilter {

    private final InternalTokenCodec codec;
    private final DialectErrorWriter errors;

    public InternalTokenFilter(InternalTokenCodec codec, DialectErrorWriter errors) {
        this.codec = codec;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/actuator/") || path.equals("/actuator") || path.equals("/error");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(PlatformHeaders.INTERNAL_TOKEN);
        Identity identity;
        try {
            identity = codec.verify(token);
        } catch (InvalidTokenException e) {
            errors.write(request, response, ApiError.of(ErrorKind.UNAUTHORIZED, "Authentication required",
                    "Requests must come through the gateway with a valid credential"));
            return;
        }
        IdentityContext.bind(identity, token);
        MDC.put("tenant_id", identity.tenantId());
        try {
            chain.doFilter(request, response);
        } finally {
            IdentityContext.clear();
            MDC.remove("tenant_id");
        }
    }
}
