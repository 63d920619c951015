package dev.supportplatform.common.service.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Replaces the framework's error page for failures that never reach a controller (the container's own 404s,
 * errors thrown by filters): they too answer in the dialect of the path the client called.
 */
@RestController
public class DialectErrorController implements ErrorController {

    private final DialectErrorWriter writer;

    public DialectErrorController(DialectErrorWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int code = status instanceof Integer s ? s : 500;
        ErrorKind kind = ErrorKind.forStatus(code);
        String message = switch (kind) {
            case NOT_FOUND -> "Not found";
            case INTERNAL -> "Internal server error";
            default -> "Request failed";
        };
        String path = uri != null ? uri.toString() : DialectErrorWriter.pathOf(request);
        return writer.entity(request, path, ApiError.of(kind, message));
    }
}
