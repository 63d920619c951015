package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A machine without the offline engines: the service starts, text chat works, voice says clearly what is missing. */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "platform.speech.offline.pocketsphinx=/nonexistent/pocketsphinx_continuous",
        "platform.speech.offline.espeak=/nonexistent/espeak-ng"})
class SpeechUnavailableTest extends ChatTestSupport {

    @Test
    void voiceInputIsRefusedWith503NamingTheMissingPackageAndNothingIsStored() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response r = api(tenant).post("/v1/chat/voice",
                Map.of("audio_b64", SpeechSamples.b64(SpeechSamples.silence(16000, 0.5)), "sample_rate", 16000));
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.json().get("detail").asString()).isEqualTo("Speech recognition is unavailable: "
                + "/nonexistent/pocketsphinx_continuous is not installed (Debian packages pocketsphinx and pocketsphinx-en-us)");
        assertThat(r.json().get("status_code").asInt()).isEqualTo(503);
        assertThat(jdbc.queryForObject("select count(*) from conversation where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    @Test
    void askingForAudioIsRefusedBeforeTheTurnButTextAloneStillWorks() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        HttpApi.Response withAudio = client.post("/v1/chat/unified", Map.of("text_input", "Hello", "expect_audio", true));
        assertThat(withAudio.status()).as(withAudio.toString()).isEqualTo(503);
        assertThat(withAudio.json().get("detail").asString()).startsWith("Speech synthesis is unavailable: /nonexistent/espeak-ng");
        assertThat(jdbc.queryForObject("select count(*) from conversation where tenant_id = ?", Integer.class, tenant)).isZero();

        HttpApi.Response textOnly = client.post("/v1/chat/unified", Map.of("text_input", "Hello"));
        assertThat(textOnly.status()).as(textOnly.toString()).isEqualTo(200);
        assertThat(textOnly.json().get("content").asString()).startsWith("Hello!");
    }
}
