package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on /v1/chat/voice and /v1/chat/unified gets assistant.md's error shape, and stores nothing. */
@ServiceIntegrationTest
class AssistantChatValidationTest extends ChatTestSupport {

    private static final String TONE_WAV_B64 = SpeechSamples.b64(SpeechSamples.silence(16000, 0.2));

    private void assertFieldError(HttpApi.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        JsonNode detail = r.json().get("detail");
        assertThat(detail.isArray()).as(r.toString()).isTrue();
        assertThat(detail.get(0).get("loc").get(0).asString()).isEqualTo("body");
        assertThat(detail.get(0).get("loc").get(1).asString()).isEqualTo(field);
        assertThat(r.json().get("status_code").asInt()).isEqualTo(422);
    }

    private int conversations(String tenant) {
        return jdbc.queryForObject("select count(*) from conversation where tenant_id = ?", Integer.class, tenant);
    }

    @Test
    void sampleRatesOutsideEightToFortyEightKilohertzAreRefused() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        assertFieldError(client.post("/v1/chat/voice", Map.of("audio_b64", TONE_WAV_B64, "sample_rate", 7999)), "sample_rate");
        assertFieldError(client.post("/v1/chat/unified", Map.of("audio_b64", TONE_WAV_B64, "sample_rate", 48001)), "sample_rate");
        // A WAV file's own header is checked too.
        byte[] wav96k = SpeechSamples.wav(new byte[9600], 96000);
        HttpApi.Response r = client.post("/v1/chat/voice", Map.of("audio_b64", SpeechSamples.b64(wav96k)));
        assertFieldError(r, "audio_b64");
        assertThat(r.json().get("detail").get(0).get("msg").asString()).contains("between 8000 and 48000");
        assertThat(conversations(tenant)).isZero();
    }

    @Test
    void audioThatIsNotBase64OrNotPcmIsRefused() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        HttpApi.Response notBase64 = client.post("/v1/chat/voice", Map.of("audio_b64", "this is not base64!"));
        assertFieldError(notBase64, "audio_b64");
        assertThat(notBase64.json().get("detail").get(0).get("msg").asString()).isEqualTo("audio_b64 is not valid base64");
        assertFieldError(client.post("/v1/chat/voice", Map.of("audio_b64", SpeechSamples.b64(new byte[]{1, 2, 3}))), "audio_b64");
        assertFieldError(client.post("/v1/chat/voice", Map.of("sample_rate", 16000)), "audio_b64");
        assertThat(conversations(tenant)).isZero();
    }

    @Test
    void audioLargerThanTheLimitIsRefusedWith413() {
        String tenant = TestTokens.newTenant();
        // 10 MB is the default limit; 11 MB of samples is 14.7 MB of base64.
        String b64 = SpeechSamples.b64(new byte[11 * 1024 * 1024]);
        HttpApi.Response r = api(tenant).post("/v1/chat/voice", Map.of("audio_b64", b64, "sample_rate", 16000));
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.json().get("detail").asString()).isEqualTo("The audio is larger than 10 MB");
        assertThat(r.json().get("status_code").asInt()).isEqualTo(413);
        assertThat(conversations(tenant)).isZero();
    }

    @Test
    void unifiedNeedsTextAudioOrAUserMessageButNotBothTextAndAudio() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        HttpApi.Response neither = client.post("/v1/chat/unified", Map.of("session_id", "s-1", "enable_tools", true));
        assertFieldError(neither, "text_input");
        assertThat(neither.json().get("detail").get(1).get("loc").get(1).asString()).isEqualTo("audio_b64");
        assertFieldError(client.post("/v1/chat/unified", Map.of("text_input", "hello", "audio_b64", TONE_WAV_B64)), "audio_b64");
        assertFieldError(client.post("/v1/chat/unified", Map.of("messages", java.util.List.of(Map.of("role", "robot", "content", "hi")))),
                "messages");
        assertFieldError(client.post("/v1/chat/unified", Map.of("text_input", "x".repeat(8001))), "text_input");
        assertFieldError(client.post("/v1/chat/unified", Map.of("text_input", "hello", "assistant_language", "en; rm -rf")),
                "assistant_language");
        assertThat(conversations(tenant)).isZero();
    }

    @Test
    void aTextTurnAnswersWithTheUnifiedResponseShape() {
        HttpApi client = api(TestTokens.newTenant());
        HttpApi.Response r = client.post("/v1/chat/unified", Map.of("text_input", "Hello", "session_id", "u-1", "assistant_language", "it"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("content").asString()).startsWith("Hello!");
        assertThat(body.get("transcript").isNull()).isTrue();
        assertThat(body.get("audio_b64").isNull()).isTrue();
        assertThat(body.get("assistant_language").asString()).isEqualTo("it");
        assertThat(body.get("metadata").get("session_id").asString()).isEqualTo("u-1");
        assertThat(body.get("tool_events").isArray()).isTrue();

        // The last user message of messages is the input when there is no text_input.
        HttpApi.Response fromMessages = client.post("/v1/chat/unified", Map.of("session_id", "u-1", "messages",
                java.util.List.of(Map.of("role", "user", "content", "Hi"), Map.of("role", "assistant", "content", "Hello!"),
                        Map.of("role", "user", "content", "Thank you"))));
        assertThat(fromMessages.status()).as(fromMessages.toString()).isEqualTo(200);
        assertThat(fromMessages.json().get("content").asString()).startsWith("You're welcome");
    }
}
