package dev.supportplatform.gateway.web;

import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.ids.Ids;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

/**
 * First filter of every request: adopts the client's request id when it is safe to log (or makes one), echoes it on
 * the response (AuthWebFilter forwards it to the service), and notes the arrival time for the contracts'
 * response_time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestContextWebFilter implements WebFilter {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(RequestContext.STARTED_NANOS, System.nanoTime());
        String requestId = exchange.getRequest().getHeaders().getFirst(PlatformHeaders.REQUEST_ID);
        if (requestId == null || !SAFE_ID.matcher(requestId).matches()) {
            requestId = Ids.prefixed("req");
        }
        exchange.getAttributes().put(RequestContext.REQUEST_ID, requestId);
        exchange.getResponse().getHeaders().set(PlatformHeaders.REQUEST_ID, requestId);
        // forwarded to the service by AuthWebFilter, which rebuilds the request's headers anyway (one copy, not two)
        return chain.filter(exchange);
    }
}
