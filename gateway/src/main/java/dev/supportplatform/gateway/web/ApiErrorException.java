package dev.supportplatform.gateway.web;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;

/** Thrown by the gateway's own endpoints; rendered in the path's dialect by {@link GatewayErrorHandler}. */
public class ApiErrorException extends RuntimeException {

    private final transient ApiError error;

    public ApiErrorException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    public static ApiErrorException invalid(String field, String message) {
        return new ApiErrorException(ApiError.validation(field, message));
    }

    public static ApiErrorException notFound(String message) {
        return new ApiErrorException(ApiError.of(ErrorKind.NOT_FOUND, message));
    }

    public static ApiErrorException forbidden(String message) {
        return new ApiErrorException(ApiError.of(ErrorKind.FORBIDDEN, "Insufficient permissions", message));
    }

    public static ApiErrorException conflict(String message) {
        return new ApiErrorException(ApiError.of(ErrorKind.CONFLICT, message));
    }
}
