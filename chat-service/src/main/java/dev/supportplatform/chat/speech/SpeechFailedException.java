package dev.supportplatform.chat.speech;

/** A speech engine was reached but failed this request (timed out, crashed, answered with an error). */
public class SpeechFailedException extends RuntimeException {
    public SpeechFailedException(String message) {
        super(message);
    }

    public SpeechFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
