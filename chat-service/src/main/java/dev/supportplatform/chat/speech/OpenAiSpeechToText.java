package dev.supportplatform.chat.speech;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Locale;

/**
 * Speech to text through an OpenAI-compatible {@code POST /audio/transcriptions}. Asks for {@code verbose_json}
 * where the server supports it: its {@code language} gives the transcript's language and the segments' mean
 * {@code avg_logprob} (as a probability) its confidence; a server that only returns {@code {"text"}} still works.
 */
public class OpenAiSpeechToText implements SpeechToText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiSpeechApi api;
    private final String model;
    private final String responseFormat;

    public OpenAiSpeechToText(String baseUrl, String apiKey, String model, String responseFormat, Duration timeout) {
        this.api = new OpenAiSpeechApi(baseUrl, apiKey, timeout);
        this.model = model;
        this.responseFormat = responseFormat;
    }

    @Override
    public String name() {
        return "openai:" + model;
    }

    @Override
    public void checkAvailable() {
        api.checkConfigured("Speech recognition");
    }

    @Override
    public Transcript transcribe(AudioClip audio, String languageHint) {
        checkAvailable();
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(audio.toWav()) {
            @Override
            public String getFilename() {
                return "audio.wav";
            }
        });
        form.add("model", model);
        form.add("response_format", responseFormat);
        if (languageHint != null && languageHint.length() == 2) {
            form.add("language", languageHint.toLowerCase(Locale.ROOT));
        }
        String body = api.call("Speech recognition", () -> api.http().post().uri("/audio/transcriptions")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().body(String.class));
        return parse(body, languageHint);
    }

    static Transcript parse(String body, String languageHint) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            throw new SpeechFailedException("Speech recognition failed: the speech endpoint's answer is not JSON");
        }
        if (json == null || !json.path("text").isString()) {
            throw new SpeechFailedException("Speech recognition failed: the speech endpoint's answer has no text");
        }
        String language = json.path("language").isString() ? isoCode(json.path("language").asString()) : languageHint;
        Double confidence = null;
        JsonNode segments = json.path("segments");
        if (segments.isArray() && !segments.isEmpty()) {
            double sum = 0;
            int n = 0;
            for (JsonNode segment : segments) {
                if (segment.path("avg_logprob").isNumber()) {
                    sum += segment.path("avg_logprob").asDouble();
                    n++;
                }
            }
            if (n > 0) {
                confidence = Math.round(Math.min(1.0, Math.exp(sum / n)) * 1000.0) / 1000.0;
            }
        }
        return new Transcript(json.path("text").asString().strip(), confidence, language);
    }

    /** Whisper's verbose output names the language in English ("italian"); the contract shows ISO codes ("it"). */
    static String isoCode(String language) {
        String lower = language.strip().toLowerCase(Locale.ROOT);
        if (lower.length() == 2) {
            return lower;
        }
        for (String code : Locale.getISOLanguages()) {
            if (Locale.of(code).getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(lower)) {
                return code;
            }
        }
        return lower;
    }
}
