package dev.supportplatform.chat.speech;

/** Turns text into speech. Implementations: {@link EspeakSynthesizer} (offline), {@link OpenAiTextToSpeech}. */
public interface TextToSpeech {

    String name();

    /** @throws SpeechUnavailableException when the engine cannot run at all */
    void checkAvailable();

    /**
     * @param language ISO-639-1 code of the text, or null for the engine's default voice
     * @return a WAV file and its sample rate
     */
    Speech synthesize(String text, String language);

    record Speech(byte[] wav, int sampleRate) {
    }
}
