package dev.supportplatform.chat.speech;

import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.Map;

/** Text to speech through an OpenAI-compatible {@code POST /audio/speech}, asking for WAV. */
public class OpenAiTextToSpeech implements TextToSpeech {

    private final OpenAiSpeechApi api;
    private final String model;
    private final String voice;

    public OpenAiTextToSpeech(String baseUrl, String apiKey, String model, String voice, Duration timeout) {
        this.api = new OpenAiSpeechApi(baseUrl, apiKey, timeout);
        this.model = model;
        this.voice = voice;
    }

    @Override
    public String name() {
        return "openai:" + model;
    }

    @Override
    public void checkAvailable() {
        api.checkConfigured("Speech synthesis");
    }

    @Override
    public Speech synthesize(String text, String language) {
        checkAvailable();
        byte[] audio = api.call("Speech synthesis", () -> api.http().post().uri("/audio/speech")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", model, "input", text, "voice", voice, "response_format", "wav"))
                .retrieve().body(byte[].class));
        if (audio == null || !AudioClip.isWav(audio)) {
            throw new SpeechFailedException("Speech synthesis failed: the speech endpoint did not return WAV audio");
        }
        // Streaming servers write placeholder sizes into the header; re-encoding writes the real ones.
        AudioClip clip = AudioClip.decode(audio, 0);
        return new Speech(clip.toWav(), clip.sampleRate());
    }
}
