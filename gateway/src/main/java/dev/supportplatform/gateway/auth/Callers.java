package dev.supportplatform.gateway.auth;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.gateway.web.ApiErrorException;
import org.springframework.web.server.ServerWebExchange;

/** The caller the {@link AuthWebFilter} resolved, for the gateway's own endpoints. */
public final class Callers {

    private Callers() {
    }

    public static Caller require(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(AuthWebFilter.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new ApiErrorException(ApiError.of(ErrorKind.UNAUTHORIZED, "Authentication required"));
        }
        return caller;
    }

    public static Caller optional(ServerWebExchange exchange) {
        return exchange.getAttribute(AuthWebFilter.CALLER_ATTRIBUTE);
    }

    /** Root may manage any tenant; an admin credential only its own. */
    public static Caller requireAdminOf(ServerWebExchange exchange, String tenantId) {
        Caller caller = require(exchange);
        if (caller.isRoot()) {
            return caller;
        }
        if (!caller.identity().hasScope(dev.supportplatform.common.identity.Scopes.ADMIN) || !caller.tenantId().equals(tenantId)) {
            throw ApiErrorException.forbidden("this credential may not manage tenant " + tenantId);
        }
        return caller;
    }
}
