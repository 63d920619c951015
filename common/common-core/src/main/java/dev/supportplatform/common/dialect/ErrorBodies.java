package dev.supportplatform.common.dialect;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link ApiError} as each contract's error body, field for field as the contract shows it, always with
 * the request id. Shared by the servlet services and the reactive gateway so that both speak identically.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /**
     * @param responseTimeSeconds time since the request arrived, for dialects that report it (agents.md)
     */
    public static Map<String, Object> render(Dialect dialect, ApiError error, String requestId, Instant now, double responseTimeSeconds) {
        String timestamp = now.truncatedTo(ChronoUnit.MILLIS).toString();
        return switch (dialect) {
            case AGENTS -> agents(error, requestId, timestamp, responseTimeSeconds);
            case SUPPORT -> support(error, requestId, timestamp);
            case ASSISTANT -> assistant(error, requestId, timestamp);
            case PLATFORM -> platform(error, requestId);
            case CONVERSATIONS -> conversations(error, requestId, timestamp);
        };
    }

    /**
     * The HTTP status a dialect sends an error with: assistant.md reports body validation as 422, like FastAPI, and
     * support.md lists its model errors (LLM_API_ERROR) as 503.
     */
    public static int status(Dialect dialect, ApiError error) {
        if (dialect == Dialect.ASSISTANT && error.kind() == ErrorKind.VALIDATION && !error.violations().isEmpty()) {
            return 422;
        }
        if (dialect == Dialect.SUPPORT && error.kind() == ErrorKind.MODEL_ERROR) {
            return 503;
        }
        return error.status();
    }

    private static Map<String, Object> agents(ApiError error, String requestId, String timestamp, double responseTime) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", agentsCode(error.kind()));
        err.put("message", error.message());
        err.put("details", error.details() != null ? error.details() : error.message());
        if (error.field() != null) {
            err.put("field", error.field());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("response_time", Math.round(responseTime * 1000.0) / 1000.0);
        metadata.put("timestamp", timestamp);
        metadata.put("request_id", requestId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", err);
        body.put("metadata", metadata);
        return body;
    }

    private static Map<String, Object> support(ApiError error, String requestId, String timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("error_type", supportType(error.kind()));
        body.put("message", error.message());
        body.put("details", error.details() != null ? error.details() : fieldDetails(error));
        body.put("timestamp", timestamp);
        body.put("request_id", requestId);
        return body;
    }

    private static Map<String, Object> assistant(ApiError error, String requestId, String timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (error.kind() == ErrorKind.VALIDATION && !error.violations().isEmpty()) {
            List<Map<String, Object>> detail = new ArrayList<>();
            for (ApiError.FieldViolation v : error.violations()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("loc", List.of("body", v.field()));
                item.put("msg", v.message());
                item.put("type", v.type());
                detail.add(item);
            }
            body.put("detail", detail);
            body.put("status_code", 422);
        } else {
            body.put("detail", error.message());
            body.put("status_code", error.status());
        }
        body.put("timestamp", timestamp);
        body.put("request_id", requestId);
        return body;
    }

    private static Map<String, Object> platform(ApiError error, String requestId) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (error.field() != null) {
            details.put("field", error.field());
        }
        if (error.details() != null) {
            details.put("reason", error.details());
        }
        if (error.violations().size() > 1) {
            details.put("fields", error.violations().stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", platformCode(error.kind()));
        err.put("message", error.message());
        err.put("details", details);
        err.put("request_id", requestId);
        return Map.of("error", err);
    }

    private static Map<String, Object> conversations(ApiError error, String requestId, String timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", error.message());
        body.put("data", null);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", agentsCode(error.kind()));
        if (error.field() != null) {
            err.put("field", error.field());
        }
        if (error.details() != null) {
            err.put("details", error.details());
        }
        body.put("error", err);
        body.put("timestamp", timestamp);
        body.put("request_id", requestId);
        return body;
    }

    private static String fieldDetails(ApiError error) {
        return error.field() == null ? null : "Invalid field: " + error.field();
    }

    static String agentsCode(ErrorKind kind) {
        return switch (kind) {
            case VALIDATION, UNPROCESSABLE, UNSUPPORTED_MEDIA_TYPE -> "VALIDATION_ERROR";
            case UNAUTHORIZED -> "UNAUTHORIZED";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case CONFLICT -> "CONFLICT";
            case PAYLOAD_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case RATE_LIMITED -> "RATE_LIMITED";
            case MODEL_ERROR -> "OPENAI_ERROR";
            case BAD_GATEWAY -> "BAD_GATEWAY";
            case UNAVAILABLE -> "DATABASE_ERROR";
            case TIMEOUT -> "TIMEOUT";
            case INTERNAL -> "INTERNAL_ERROR";
        };
    }

    static String supportType(ErrorKind kind) {
        return switch (kind) {
            case VALIDATION, UNPROCESSABLE, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, METHOD_NOT_ALLOWED -> "VALIDATION_ERROR";
            case UNAUTHORIZED -> "AUTHENTICATION_ERROR";
            case FORBIDDEN -> "AUTHORIZATION_ERROR";
            case NOT_FOUND -> "NOT_FOUND_ERROR";
            case CONFLICT -> "CONFLICT_ERROR";
            case RATE_LIMITED -> "RATE_LIMIT_ERROR";
            case MODEL_ERROR -> "LLM_API_ERROR";
            case BAD_GATEWAY -> "KONG_GATEWAY_ERROR";
            case UNAVAILABLE -> "DATABASE_ERROR";
            case TIMEOUT -> "TIMEOUT_ERROR";
            case INTERNAL -> "INTERNAL_ERROR";
        };
    }

    static String platformCode(ErrorKind kind) {
        return switch (kind) {
            case VALIDATION, UNPROCESSABLE -> "invalid_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case PAYLOAD_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case MODEL_ERROR, BAD_GATEWAY -> "upstream_error";
            case UNAVAILABLE -> "service_unavailable";
            case TIMEOUT -> "timeout";
            case INTERNAL -> "internal_error";
        };
    }
}
