package dev.supportplatform.common.service.events;

/** A record that can never be processed (not an event, unknown shape): retrying is pointless, it goes to the DLT. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
