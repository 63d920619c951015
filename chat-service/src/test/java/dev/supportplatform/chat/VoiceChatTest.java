package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * assistant.md's voice chat end to end with the offline engines: a sentence spoken by eSpeak NG goes in, PocketSphinx
 * transcribes it, the turn answers from the knowledge base, eSpeak NG speaks the answer.
 *
 * <p>PocketSphinx's generic English model recognises eSpeak's synthetic voice poorly (about 85 % word error rate over
 * 20 support sentences; see bench/RESULTS.md), but reliably hears the key word of the sentence used here: "I want a
 * refund for my order" comes back as "want a refund r two". The assertions rest on that key word and on the answer
 * that the knowledge base gives for it.
 */
@ServiceIntegrationTest
class VoiceChatTest extends ChatTestSupport {

    private static final String QUESTION = "I want a refund for my order";

    private void refundPolicyInKnowledgeBase() {
        knowledgeReturns("refund", List.of(Map.of("source", "refund-policy.pdf",
                "content", "Refunds are issued within 14 days of purchase.", "score", 0.9)));
    }

    @Test
    void aSpokenQuestionIsTranscribedAnsweredFromTheKnowledgeBaseAndSpokenBack() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        refundPolicyInKnowledgeBase();

        // As assistant.md's Python example sends it: a WAV file, sample_rate 16000, expect_audio.
        HttpApi.Response r = client.post("/v1/chat/voice", Map.of("audio_b64", SpeechSamples.b64(SpeechSamples.spoken(QUESTION)),
                "sample_rate", 16000, "expect_audio", true));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("transcript").asString()).contains("refund");
        assertThat(body.get("content").asString()).contains("Refunds are issued within 14 days");
        assertThat(body.get("stt_language").asString()).isEqualTo("en");
        assertThat(body.get("stt_confidence").asDouble()).isBetween(0.0, 1.0);

        byte[] answerAudio = Base64.getDecoder().decode(body.get("audio_b64").asString());
        assertThat(body.get("audio_sample_rate").asInt()).isEqualTo(22050);
        assertThat(SpeechSamples.formatOf(answerAudio).getSampleRate()).isEqualTo(22050f);
        assertThat(answerAudio.length).as("a few seconds of speech").isGreaterThan(22050 * 2);
        assertThat(SpeechSamples.rms(answerAudio)).as("not silence").isGreaterThan(300);

        JsonNode events = body.get("tool_events");
        assertThat(events.size()).isEqualTo(2);
        assertThat(events.get(0).get("tool").asString()).isEqualTo("semantic_search");
        assertThat(events.get(0).get("status").asString()).isEqualTo("start");
        assertThat(events.get(1).get("status").asString()).isEqualTo("end");
        assertThat(events.get(1).get("result_preview").asString()).contains("refund-policy.pdf");

        // The transcript is what the conversation stores as the user's message.
        String session = body.get("metadata").get("session_id").asString();
        JsonNode messages = client.get("/v1/sessions/" + session + "/messages").json().get("messages");
        assertThat(messages.get(0).get("content").asString()).isEqualTo(body.get("transcript").asString());
        assertThat(messages.get(1).get("content").asString()).isEqualTo(body.get("content").asString());
        String channel = jdbc.queryForObject("select channel from conversation where tenant_id = ?", String.class, tenant);
        assertThat(channel).isEqualTo("voice");
    }

    @Test
    void rawPcmIsReadAtItsDeclaredSampleRate() {
        HttpApi client = api(TestTokens.newTenant());
        refundPolicyInKnowledgeBase();
        byte[] pcm48k = SpeechSamples.rawPcm(SpeechSamples.spoken(QUESTION), 48000);

        HttpApi.Response r = client.post("/v1/chat/unified", Map.of("audio_b64", SpeechSamples.b64(pcm48k), "sample_rate", 48000));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("transcript").asString()).contains("refund");
        assertThat(r.json().get("content").asString()).contains("14 days");
        assertThat(r.json().get("audio_b64").isNull()).as("no audio unless asked").isTrue();
    }

    @Test
    void theNextVoiceTurnContinuesTheSameSession() {
        HttpApi client = api(TestTokens.newTenant());
        refundPolicyInKnowledgeBase();
        Map<String, Object> request = new HashMap<>(Map.of("audio_b64", SpeechSamples.b64(SpeechSamples.spoken(QUESTION)),
                "session_id", "voice-session-1"));
        assertThat(client.post("/v1/chat/voice", request).status()).isEqualTo(200);
        HttpApi.Response second = client.post("/v1/chat/voice", request);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().get("metadata").get("session_id").asString()).isEqualTo("voice-session-1");
        assertThat(client.get("/v1/sessions/voice-session-1/messages").json().get("total").asInt()).isEqualTo(4);
    }

    @Test
    void silenceIsRefusedWithoutStoringAnything() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response r = api(tenant).post("/v1/chat/voice", Map.of("audio_b64", SpeechSamples.b64(SpeechSamples.silence(16000, 1.5))));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).isEqualTo("No speech was recognised in the audio");
        assertThat(r.json().get("status_code").asInt()).isEqualTo(422);
        assertThat(jdbc.queryForObject("select count(*) from conversation where tenant_id = ?", Integer.class, tenant)).isZero();
    }
}
