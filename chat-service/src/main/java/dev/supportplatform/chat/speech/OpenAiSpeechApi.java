package dev.supportplatform.chat.speech;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The HTTP side of an OpenAI-compatible speech server ({@code /audio/transcriptions}, {@code /audio/speech}): OpenAI
 * itself, or a self-hosted one (faster-whisper-server, LocalAI, openedai-speech, ...). LangChain4j's transcription
 * model returns only the text, and the contract also wants the language and a confidence, so we call it directly.
 */
final class OpenAiSpeechApi {

    private static final Logger log = LoggerFactory.getLogger(OpenAiSpeechApi.class);

    private final String baseUrl;
    private final RestClient http;

    OpenAiSpeechApi(String baseUrl, String apiKey, Duration timeout) {
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade attempt trips up some self-hosted servers.
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds())))).build());
        factory.setReadTimeout(timeout);
        RestClient.Builder builder = RestClient.builder().requestFactory(factory).baseUrl(this.baseUrl);
        if (StringUtils.hasText(apiKey)) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
        }
        this.http = builder.build();
    }

    RestClient http() {
        return http;
    }

    void checkConfigured(String what) {
        if (baseUrl.isEmpty()) {
            throw new SpeechUnavailableException(what + " is unavailable: no OpenAI-compatible speech endpoint is configured (SPEECH_BASE_URL)");
        }
    }

    /** Runs one call, turning transport failures into the speech exceptions the API reports. */
    <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            log.warn("{}: the speech endpoint {} could not be reached: {}", what, baseUrl, e.getMessage());
            throw new SpeechUnavailableException(what + " is unavailable: the speech endpoint could not be reached");
        } catch (RestClientResponseException e) {
            throw new SpeechFailedException(what + " failed: the speech endpoint answered HTTP " + e.getStatusCode().value());
        }
    }
}
