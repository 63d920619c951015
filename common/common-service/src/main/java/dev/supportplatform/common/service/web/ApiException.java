package dev.supportplatform.common.service.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;

/** Thrown by domain or web code to answer with a specific error; rendered in the dialect of the request's path. */
public class ApiException extends RuntimeException {
    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ApiError.of(ErrorKind.NOT_FOUND, message));
    }

    public static ApiException notFound(String message, String details) {
        return new ApiException(ApiError.of(ErrorKind.NOT_FOUND, message, details));
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ApiError.validation(field, message));
    }

    public static ApiException conflict(String message) {
        return new ApiException(ApiError.of(ErrorKind.CONFLICT, message));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ApiError.of(ErrorKind.FORBIDDEN, message));
    }
}
