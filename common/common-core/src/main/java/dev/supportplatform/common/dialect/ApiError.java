package dev.supportplatform.common.dialect;

import java.util.List;

/**
 * A failure to report to a client, in dialect-neutral terms.
 *
 * @param kind       what went wrong; decides the HTTP status
 * @param message    one human-readable sentence
 * @param details    optional technical detail
 * @param field      the offending input field, for validation errors
 * @param violations every field problem, when there are several (rendered as a list where a dialect has one)
 */
public record ApiError(ErrorKind kind, String message, String details, String field, List<FieldViolation> violations) {

    public ApiError {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static ApiError of(ErrorKind kind, String message) {
        return new ApiError(kind, message, null, null, List.of());
    }

    public static ApiError of(ErrorKind kind, String message, String details) {
        return new ApiError(kind, message, details, null, List.of());
    }

    public static ApiError validation(String field, String message) {
        return new ApiError(ErrorKind.VALIDATION, message, null, field, List.of(new FieldViolation(field, message, "value_error")));
    }

    public static ApiError validation(List<FieldViolation> violations) {
        FieldViolation first = violations.getFirst();
        String message = violations.size() == 1 ? first.message() : first.message() + " (and " + (violations.size() - 1) + " more)";
        return new ApiError(ErrorKind.VALIDATION, message, null, first.field(), violations);
    }

    public int status() {
        return kind.status();
    }

    /** One input field that failed validation; {@code type} follows Pydantic's vocabulary for assistant.md. */
    public record FieldViolation(String field, String message, String type) {
    }
}
