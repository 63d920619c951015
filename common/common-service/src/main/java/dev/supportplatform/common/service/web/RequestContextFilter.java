package dev.supportplatform.common.service.web;

import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.ids.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * First filter of every request: adopts the gateway's request id (or makes one), notes when the request started for
 * the contracts' {@code response_time}, and echoes the id in {@code X-Request-Id}.
 */
public class RequestContextFilter extends OncePerRequestFilter {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = request.getHeader(PlatformHeaders.REQUEST_ID);
        if (requestId == null || !SAFE_ID.matcher(requestId).matches()) {
            requestId = Ids.prefixed("req");
        }
        request.setAttribute(RequestTiming.REQUEST_ID_ATTRIBUTE, requestId);
        request.setAttribute(RequestTiming.STARTED_NANOS_ATTRIBUTE, System.nanoTime());
        response.setHeader(PlatformHeaders.REQUEST_ID, requestId);
        MDC.put("request_id", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("request_id");
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
