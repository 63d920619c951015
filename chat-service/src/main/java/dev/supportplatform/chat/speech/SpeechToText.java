package dev.supportplatform.chat.speech;

/** Turns speech into text. Implementations: {@link PocketsphinxRecognizer} (offline), {@link OpenAiSpeechToText}. */
public interface SpeechToText {

    /** Engine name, reported in responses. */
    String name();

    /** @throws SpeechUnavailableException when the engine cannot run at all (checked before any work is stored) */
    void checkAvailable();

    /**
     * @param languageHint an ISO-639-1 code the speaker probably uses, or null
     * @throws SpeechFailedException when the engine was reached but could not transcribe this audio
     */
    Transcript transcribe(AudioClip audio, String languageHint);

    /**
     * @param confidence 0..1, or null when the engine gives no measure
     * @param language   ISO-639-1 code of the recognised language, or null when unknown
     */
    record Transcript(String text, Double confidence, String language) {
    }
}
