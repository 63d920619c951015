package dev.supportplatform.common.service.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps every failure a controller can raise to an {@link ApiError} rendered in the path's dialect: our own
 * {@link ApiException}s, bean validation, unreadable JSON, wrong types, unknown routes and anything unexpected.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class DialectExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DialectExceptionHandler.class);

    private final DialectErrorWriter writer;

    public DialectExceptionHandler(DialectErrorWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
        return writer.entity(request, e.error());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<ApiError.FieldViolation> violations = new ArrayList<>();
        for (FieldError fe : e.getBindingResult().getFieldErrors()) {
            violations.add(new ApiError.FieldViolation(snakeCase(fe.getField()), describe(fe), "value_error"));
        }
        if (violations.isEmpty()) {
            return writer.entity(request, ApiError.of(ErrorKind.VALIDATION, "Request validation failed"));
        }
        return writer.entity(request, ApiError.validation(violations));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<ApiError.FieldViolation> violations = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                violations.add(new ApiError.FieldViolation(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage(), "value_error"))));
        return writer.entity(request, violations.isEmpty()
                ? ApiError.of(ErrorKind.VALIDATION, "Request validation failed") : ApiError.validation(violations));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, Object>> constraint(ConstraintViolationException e, HttpServletRequest request) {
        List<ApiError.FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldViolation(lastNode(v.getPropertyPath().toString()), v.getMessage(), "value_error"))
                .toList();
        return writer.entity(request, ApiError.validation(violations));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JacksonException je && !je.getPath().isEmpty()) {
            String field = je.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
            return writer.entity(request, new ApiError(ErrorKind.VALIDATION, "Invalid value for field: " + field,
                    "The value of '" + field + "' has the wrong type or format", field,
                    List.of(new ApiError.FieldViolation(field, "invalid value", "type_error"))));
        }
        String details = cause instanceof JacksonException ? "The request body is not valid JSON" : "The request body is missing or unreadable";
        return writer.entity(request, ApiError.of(ErrorKind.VALIDATION, "Malformed request body", details));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return writer.entity(request, ApiError.validation(e.getParameterName(), "Missing required parameter: " + e.getParameterName()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return writer.entity(request, ApiError.validation(e.getRequestPartName(), "Missing required part: " + e.getRequestPartName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return writer.entity(request, ApiError.validation(e.getName(), "Invalid value for parameter: " + e.getName()));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Map<String, Object>> unknownRoute(Exception e, HttpServletRequest request) {
        return writer.entity(request, ApiError.of(ErrorKind.NOT_FOUND, "Not found",
                "No endpoint " + request.getMethod() + " " + DialectErrorWriter.pathOf(request)));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return writer.entity(request, ApiError.of(ErrorKind.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return writer.entity(request, ApiError.of(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type: " + e.getContentType()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return writer.entity(request, ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE, "The upload is larger than the configured limit"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Map<String, Object>> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        // Unique constraints that a concurrent request won between our check and our insert.
        return writer.entity(request, ApiError.of(ErrorKind.CONFLICT, "The resource already exists or conflicts with another"));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // The client disconnected mid-response; there is no one left to answer.
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error on {} {}", request.getMethod(), DialectErrorWriter.pathOf(request), e);
        return writer.entity(request, ApiError.of(ErrorKind.INTERNAL, "Internal server error",
                "An unexpected error occurred; quote request id " + RequestTiming.requestId(request) + " when reporting it"));
    }

    private static String describe(FieldError fe) {
        return snakeCase(fe.getField()) + ": " + fe.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return snakeCase(dot >= 0 ? path.substring(dot + 1) : path);
    }

    /** Field names are reported as the client spelled them (snake_case). */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
