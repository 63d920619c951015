package dev.supportplatform.chat.speech;

/** The client's audio cannot be used (empty, corrupt, unsupported encoding, sample rate out of range). */
public class InvalidAudioException extends RuntimeException {
    public InvalidAudioException(String message) {
        super(message);
    }
}
