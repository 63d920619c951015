package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Voice through an OpenAI-compatible speech server: /v1/audio/transcriptions and /v1/audio/speech (WireMock). */
@ServiceIntegrationTest
class OpenAiSpeechTest extends RemoteProvidersSupport {

    private static final byte[] SPEECH_24K = SpeechSamples.wav(new byte[24000 * 2], 24000);

    private static void transcriptionReturns(String text) {
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/audio/transcriptions")).willReturn(okJson("{\"task\": \"transcribe\","
                + " \"language\": \"italian\", \"duration\": 1.2, \"text\": \"" + text + "\", \"segments\": [{\"avg_logprob\": -0.2}]}")));
    }

    @Test
    void speechIsTranscribedAndSynthesisedByTheConfiguredServer() {
        transcriptionReturns("Vorrei un rimborso");
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/audio/speech")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "audio/wav").withBody(SPEECH_24K)));
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(completion("Certo, ecco come funziona il rimborso."))));

        HttpApi.Response r = api(TestTokens.newTenant()).post("/v1/chat/voice", Map.of("audio_b64",
                SpeechSamples.b64(SpeechSamples.silence(16000, 1.0)), "sample_rate", 16000, "expect_audio", true,
                "assistant_language", "it"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("transcript").asString()).isEqualTo("Vorrei un rimborso");
        assertThat(body.get("stt_language").asString()).isEqualTo("it");
        assertThat(body.get("stt_confidence").asDouble()).isEqualTo(Math.round(Math.exp(-0.2) * 1000) / 1000.0);
        assertThat(body.get("content").asString()).isEqualTo("Certo, ecco come funziona il rimborso.");
        assertThat(body.get("audio_sample_rate").asInt()).isEqualTo(24000);
        assertThat(SpeechSamples.formatOf(Base64.getDecoder().decode(body.get("audio_b64").asString())).getSampleRate()).isEqualTo(24000f);
        assertThat(body.get("metadata").get("stt_engine").asString()).isEqualTo("openai:whisper-1");

        var transcription = PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/v1/audio/transcriptions"))).getFirst();
        assertThat(transcription.getHeader("Authorization")).isEqualTo("Bearer sk-speech-test");
        assertThat(transcription.getBodyAsString()).contains("name=\"model\"").contains("whisper-1")
                .contains("name=\"language\"").contains("filename=\"audio.wav\"").contains("verbose_json");
        PROVIDER.verify(postRequestedFor(urlPathEqualTo("/v1/audio/speech"))
                .withRequestBody(containing("\"response_format\":\"wav\""))
                .withRequestBody(containing("Certo, ecco come funziona il rimborso."))
                .withHeader("Authorization", equalTo("Bearer sk-speech-test")));
    }

    @Test
    void aFailingTranscriptionServerIsABadGatewayAndNothingIsStored() {
        String tenant = TestTokens.newTenant();
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/audio/transcriptions")).willReturn(aResponse().withStatus(500)));

        HttpApi.Response r = api(tenant).post("/v1/chat/voice", Map.of("audio_b64", SpeechSamples.b64(SpeechSamples.silence(16000, 1.0))));

        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("detail").asString()).isEqualTo("Speech recognition failed: the speech endpoint answered HTTP 500");
        assertThat(r.json().get("status_code").asInt()).isEqualTo(502);
        assertThat(jdbc.queryForObject("select count(*) from conversation where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    @Test
    void whenSynthesisFailsAfterTheAnswerTheAnswerIsStillReturnedWithoutAudio() {
        transcriptionReturns("Where is my refund");
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/audio/speech")).willReturn(aResponse().withStatus(503)));
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(completion("It is on its way."))));

        HttpApi.Response r = api(TestTokens.newTenant()).post("/v1/chat/voice", Map.of("audio_b64",
                SpeechSamples.b64(SpeechSamples.silence(16000, 1.0)), "expect_audio", true));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("content").asString()).isEqualTo("It is on its way.");
        assertThat(r.json().get("audio_b64").isNull()).isTrue();
        assertThat(r.json().get("metadata").get("audio_error").asString())
                .isEqualTo("Speech synthesis failed: the speech endpoint answered HTTP 503");
    }
}
