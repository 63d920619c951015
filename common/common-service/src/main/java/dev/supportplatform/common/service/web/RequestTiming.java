package dev.supportplatform.common.service.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The request id and elapsed time of the current request, as the contracts' metadata report them. */
public final class RequestTiming {
    static final String REQUEST_ID_ATTRIBUTE = RequestTiming.class.getName() + ".requestId";
    static final String STARTED_NANOS_ATTRIBUTE = RequestTiming.class.getName() + ".startedNanos";

    private RequestTiming() {
    }

    public static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return id != null ? id.toString() : "req_unknown";
    }

    public static double elapsedSeconds(HttpServletRequest request) {
        Object started = request.getAttribute(STARTED_NANOS_ATTRIBUTE);
        return started instanceof Long nanos ? (System.nanoTime() - nanos) / 1e9 : 0.0;
    }

    /** The current request, for code that builds envelopes without a request parameter. */
    public static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        throw new IllegalStateException("not inside an HTTP request");
    }

    public static String currentRequestId() {
        return requestId(currentRequest());
    }

    public static double currentElapsedSeconds() {
        return elapsedSeconds(currentRequest());
    }
}
