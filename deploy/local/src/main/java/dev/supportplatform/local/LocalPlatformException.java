package dev.supportplatform.local;

/** The local platform could not start; the message says which part and why (with a log tail for a service). */
public final class LocalPlatformException extends RuntimeException {

    public LocalPlatformException(String message) {
        super(message);
    }

    public LocalPlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
