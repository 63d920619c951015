package dev.supportplatform.gateway.web;

import org.springframework.web.server.ServerWebExchange;

/** Per-request facts kept in exchange attributes: the request id and when the request arrived. */
public final class RequestContext {
    static final String REQUEST_ID = RequestContext.class.getName() + ".requestId";
    static final String STARTED_NANOS = RequestContext.class.getName() + ".startedNanos";

    private RequestContext() {
    }

    public static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(REQUEST_ID);
        return id != null ? id : "req_unknown";
    }

    /** Seconds since the request arrived, for the contracts' {@code response_time}. */
    public static double elapsedSeconds(ServerWebExchange exchange) {
        Long started = exchange.getAttribute(STARTED_NANOS);
        return started == null ? 0.0 : (System.nanoTime() - started) / 1_000_000_000.0;
    }
}
