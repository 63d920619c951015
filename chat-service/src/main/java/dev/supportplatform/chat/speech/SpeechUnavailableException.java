package dev.supportplatform.chat.speech;

/**
 * A speech engine cannot serve requests at all: not installed, not configured, or switched off. Nothing was
 * attempted, so the client may retry once an operator has fixed the setup.
 */
public class SpeechUnavailableException extends RuntimeException {
    public SpeechUnavailableException(String message) {
        super(message);
    }
}
