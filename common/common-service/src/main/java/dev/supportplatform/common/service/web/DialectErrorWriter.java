package dev.supportplatform.common.service.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.Dialect;
import dev.supportplatform.common.dialect.ErrorBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Turns an {@link ApiError} into the response body of the dialect the request's path belongs to. */
public class DialectErrorWriter {

    private final JsonMapper jsonMapper;

    public DialectErrorWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public ResponseEntity<Map<String, Object>> entity(HttpServletRequest request, ApiError error) {
        return entity(request, pathOf(request), error);
    }

    ResponseEntity<Map<String, Object>> entity(HttpServletRequest request, String path, ApiError error) {
        Dialect dialect = Dialect.forPath(path);
        Map<String, Object> body = ErrorBodies.render(dialect, error, RequestTiming.requestId(request), Instant.now(),
                RequestTiming.elapsedSeconds(request));
        return ResponseEntity.status(ErrorBodies.status(dialect, error)).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** For filters, which answer before any controller exists. */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        ResponseEntity<Map<String, Object>> entity = entity(request, error);
        response.setStatus(entity.getStatusCode().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        jsonMapper.writeValue(response.getOutputStream(), entity.getBody());
    }

    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
