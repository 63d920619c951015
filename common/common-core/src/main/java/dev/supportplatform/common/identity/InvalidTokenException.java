package dev.supportplatform.common.identity;

/** The internal token is missing, malformed, expired, or not signed with the platform's secret. */
public class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
