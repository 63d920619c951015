package dev.supportplatform.chat;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * assistant.md's {@code WebSocket /chat/{session_id}} with the JDK WebSocket client, sending exactly what the
 * contract's JavaScript sample sends.
 */
@ServiceIntegrationTest
class ChatWebSocketTest extends StreamingSupport {

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    /** "word0 ", "word1 ", ...: a long answer whose pieces a test can recognise. */
    private static String[] numberedWords(String word, int count) {
        String[] pieces = new String[count];
        for (int i = 0; i < count; i++) {
            pieces[i] = word + i + " ";
        }
        return pieces;
    }

    private static void assertTimestamped(List<JsonNode> messages) {
        for (JsonNode m : messages) {
            assertThat(m.has("timestamp")).as("%s has a timestamp", m).isTrue();
            Instant.parse(m.get("timestamp").asString());
        }
    }

    @Test
    void aTextMessageIsAnsweredWithStatusToolEventsStreamedChunksAndAFinalText() throws Exception {
        String tenant = TestTokens.newTenant();
        knowledgeReturns("warranty", List.of(Map.of("source", "warranty.md", "content", "The warranty lasts two years.", "score", 0.8)));
        modelStreams("warranty", 600, "The warranty", " lasts", " two years", " [1].");
        Messages messages = new Messages();
        WebSocket socket = socket(tenant, "ws-1", messages);
        JsonNode welcome = messages.next();
        assertThat(welcome.get("type").asString()).isEqualTo("system");
        assertThat(welcome.get("content").asString()).isEqualTo("Connected to chat session");

        // the contract's JavaScript sample: type, content and timestamp, no metadata
        send(socket, "{\"type\": \"text\", \"content\": \"How long is the warranty?\", \"timestamp\": \"" + Instant.now() + "\"}");
        List<JsonNode> answer = messages.until(ChatWebSocketTest::isFinalOrError);
        assertTimestamped(answer);
        assertTimestamped(List.of(welcome));
        assertThat(answer.getFirst().get("type").asString()).isEqualTo("status");
        assertThat(answer.getFirst().get("metadata").get("stage").asString()).isEqualTo("thinking");

        List<JsonNode> tools = answer.stream().filter(m -> m.get("type").asString().equals("tool")).toList();
        assertThat(tools).extracting(m -> m.get("content").asString() + ":" + m.get("metadata").get("status").asString())
                .containsExactly("semantic_search:start", "semantic_search:end");
        assertThat(tools.getFirst().get("metadata").get("args").get("query").asString()).isEqualTo("How long is the warranty?");
        assertThat(tools.getLast().get("metadata").get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);

        List<JsonNode> chunks = answer.stream().filter(m -> m.get("type").asString().equals("text")
                && m.get("metadata").path("is_streaming").asBoolean(false)).toList();
        assertThat(chunks).extracting(m -> m.get("content").asString()).containsExactly("The warranty", " lasts", " two years", " [1].");
        JsonNode last = answer.getLast();
        assertThat(isFinal(last)).as(last.toString()).isTrue();
        assertThat(last.get("content").asString()).isEqualTo("The warranty lasts two years [1].");
        assertThat(last.get("metadata").get("session_id").asString()).isEqualTo("ws-1");
        assertThat(last.get("metadata").get("message_id").asLong()).isPositive();
        assertThat(answer.indexOf(chunks.getLast())).isLessThan(answer.size() - 1);

        send(socket, "{\"type\": \"ping\", \"timestamp\": \"" + Instant.now() + "\"}");
        JsonNode pong = messages.next();
        assertThat(pong.get("type").asString()).isEqualTo("pong");
        assertTimestamped(List.of(pong));
        socket.sendClose(1000, "bye").join();
    }

    private static boolean isFinalOrError(JsonNode m) {
        return isFinal(m) || "error".equals(m.get("type").asString());
    }

    @Test
    void invalidJsonAndUnknownTypesAreErrorsAndTheConnectionStaysOpen() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = socket(TestTokens.newTenant(), "ws-bad", messages);
        messages.next();
        send(socket, "{this is not json");
        JsonNode invalid = messages.next();
        assertThat(invalid.get("type").asString()).isEqualTo("error");
        assertThat(invalid.get("content").asString()).contains("Invalid JSON");
        send(socket, "{\"type\": \"dance\"}");
        JsonNode unknown = messages.next();
        assertThat(unknown.get("type").asString()).isEqualTo("error");
        assertThat(unknown.get("content").asString()).contains("Unknown message type: dance");
        send(socket, "{\"type\": \"text\"}");
        assertThat(messages.next().get("content").asString()).contains("content is required");
        assertTimestamped(messages.all);

        send(socket, "{\"type\": \"ping\"}");
        assertThat(messages.next().get("type").asString()).isEqualTo("pong");
        assertThat(messages.closed).isNotDone();
        socket.sendClose(1000, "bye").join();
    }

    @Test
    void stopEndsTheAnswerWhichIsStoredAsInterrupted() throws Exception {
        String tenant = TestTokens.newTenant();
        String[] pieces = numberedWords("word", 40);
        modelStreams("story", 8000, pieces);
        Messages messages = new Messages();
        WebSocket socket = socket(tenant, "ws-stop", messages);
        messages.next();
        long started = System.nanoTime();
        send(socket, "{\"type\": \"text\", \"content\": \"Tell me a long story\", \"metadata\": {\"enable_tools\": false}}");
        messages.until(m -> m.path("metadata").path("is_streaming").asBoolean(false) && m.get("content").asString().equals("word1 "));
        send(socket, "{\"type\": \"stop\", \"timestamp\": \"" + Instant.now() + "\"}");
        List<JsonNode> rest = messages.until(ChatWebSocketTest::isFinalOrError);
        JsonNode last = rest.getLast();
        assertThat(isFinal(last)).as(last.toString()).isTrue();
        assertThat(last.get("metadata").get("interrupted").asBoolean()).isTrue();
        assertThat((System.nanoTime() - started) / 1_000_000).as("stopped well before the model would have finished").isLessThan(6000);
        String content = last.get("content").asString();
        assertThat(content).startsWith("word0 word1 ").doesNotContain("word39");

        Map<String, Object> stored = jdbc.queryForMap("select m.content, m.metadata::text as metadata from message m"
                + " join conversation c on c.id = m.conversation_id where c.tenant_id = ? and m.sender = 'assistant'", tenant);
        assertThat(stored.get("content")).isEqualTo(content);
        assertThat(JSON.readTree((String) stored.get("metadata")).get("interrupted").asBoolean()).isTrue();

        // the connection goes on: the next question is answered in full
        send(socket, "{\"type\": \"text\", \"content\": \"Thanks, and how are you?\"}");
        JsonNode next = messages.until(ChatWebSocketTest::isFinalOrError).getLast();
        assertThat(isFinal(next)).as(next.toString()).isTrue();
        assertThat(next.get("metadata").has("interrupted")).isFalse();
        socket.sendClose(1000, "bye").join();
    }

    @Test
    void everySocketOfASessionSeesTheAnswerAndAnotherTenantsSameSessionIdSeesNothing() throws Exception {
        String tenant = TestTokens.newTenant();
        String other = TestTokens.newTenant();
        Messages first = new Messages();
        Messages second = new Messages();
        Messages stranger = new Messages();
        WebSocket a = socket(tenant, "shared", first);
        WebSocket b = socket(tenant, "shared", second);
        WebSocket c = socket(other, "shared", stranger);
        first.next();
        second.next();
        stranger.next();

        send(a, "{\"type\": \"text\", \"content\": \"Hello there\"}");
        JsonNode onA = first.until(ChatWebSocketTest::isFinalOrError).getLast();
        JsonNode onB = second.until(ChatWebSocketTest::isFinalOrError).getLast();
        assertThat(isFinal(onA)).as(onA.toString()).isTrue();
        assertThat(onB.get("content").asString()).isEqualTo(onA.get("content").asString());
        assertThat(onB.get("metadata").get("message_id").asLong()).isEqualTo(onA.get("metadata").get("message_id").asLong());

        Thread.sleep(1000);
        assertThat(stranger.all).as("only its own welcome").hasSize(1);
        assertThat(stranger.queue.poll(0, TimeUnit.SECONDS)).isNull();
        for (WebSocket s : List.of(a, b, c)) {
            s.sendClose(1000, "bye").join();
        }
    }

    @Test
    void whatOneSocketSendsTheSessionsOtherSocketsSeeAsAUserMessageButNotItself() throws Exception {
        String tenant = TestTokens.newTenant();
        Messages first = new Messages();
        Messages second = new Messages();
        WebSocket a = socket(tenant, "ws-echo", first);
        WebSocket b = socket(tenant, "ws-echo", second);
        first.next();
        second.next();

        send(a, "{\"type\": \"text\", \"content\": \"Hello from the phone\"}");
        JsonNode echoed = second.next();
        assertThat(echoed.get("type").asString()).isEqualTo("text");
        assertThat(echoed.get("content").asString()).isEqualTo("Hello from the phone");
        assertThat(echoed.get("metadata").get("role").asString()).isEqualTo("user");
        assertThat(echoed.get("metadata").has("is_final")).isFalse();
        assertThat(isFinal(second.until(ChatWebSocketTest::isFinalOrError).getLast())).isTrue();
        List<JsonNode> onA = first.until(ChatWebSocketTest::isFinalOrError);
        assertThat(onA).as("the sender does not get its own message back")
                .noneMatch(m -> "user".equals(m.path("metadata").path("role").asString(null)));
        a.sendClose(1000, "bye").join();
        b.sendClose(1000, "bye").join();
    }

    @Test
    void aStopFromAnotherSocketOfTheSessionStopsTheAnswer() throws Exception {
        String tenant = TestTokens.newTenant();
        String[] pieces = numberedWords("word", 40);
        modelStreams("saga", 8000, pieces);
        Messages asking = new Messages();
        Messages watching = new Messages();
        WebSocket a = socket(tenant, "ws-stop-other", asking);
        WebSocket b = socket(tenant, "ws-stop-other", watching);
        asking.next();
        watching.next();
        send(a, "{\"type\": \"text\", \"content\": \"Tell me a long saga\", \"metadata\": {\"enable_tools\": false}}");
        watching.until(m -> m.path("metadata").path("is_streaming").asBoolean(false) && m.get("content").asString().equals("word1 "));
        send(b, "{\"type\": \"stop\"}");
        JsonNode last = asking.until(ChatWebSocketTest::isFinalOrError).getLast();
        assertThat(isFinal(last)).as(last.toString()).isTrue();
        assertThat(last.get("metadata").get("interrupted").asBoolean()).isTrue();
        assertThat(last.get("content").asString()).doesNotContain("word39");
        a.sendClose(1000, "bye").join();
        b.sendClose(1000, "bye").join();
    }

    @Test
    void closingTheAskingSocketLeavesTheAnswerRunningForTheSessionsOtherSocket() throws Exception {
        String tenant = TestTokens.newTenant();
        String[] pieces = numberedWords("part", 20);
        modelStreams("chronicle", 3000, pieces);
        Messages asking = new Messages();
        Messages watching = new Messages();
        WebSocket a = socket(tenant, "ws-close-one", asking);
        WebSocket b = socket(tenant, "ws-close-one", watching);
        asking.next();
        watching.next();
        send(a, "{\"type\": \"text\", \"content\": \"Tell me the chronicle\", \"metadata\": {\"enable_tools\": false}}");
        asking.until(m -> m.path("metadata").path("is_streaming").asBoolean(false) && m.get("content").asString().equals("part1 "));
        a.sendClose(1000, "leaving").join();
        JsonNode last = watching.until(ChatWebSocketTest::isFinalOrError).getLast();
        assertThat(isFinal(last)).as(last.toString()).isTrue();
        assertThat(last.get("metadata").has("interrupted")).isFalse();
        assertThat(last.get("content").asString()).contains("part19");
        b.sendClose(1000, "bye").join();
    }

    @Test
    void aHumanAgentsReplyDuringAHandOffReachesTheSessionsSockets() throws Exception {
        String tenant = TestTokens.newTenant();
        Messages messages = new Messages();
        WebSocket socket = socket(tenant, "ws-handoff", messages);
        messages.next();
        send(socket, "{\"type\": \"text\", \"content\": \"I want to speak to a human agent please\"}");
        JsonNode escalated = messages.until(ChatWebSocketTest::isFinalOrError).getLast();
        assertThat(escalated.get("metadata").get("escalated").asBoolean()).as(escalated.toString()).isTrue();
        String ticket = escalated.get("metadata").get("ticket_id").asString();

        kafka.send(Topics.ESCALATION, ticket, EventEnvelope.of(tenant, ticket, new EscalationEvents.AgentReplied(ticket, "ws-handoff",
                "ws-handoff", "cust-1", "agent-7", "em-1", "Hi, I'm Sam from support.")).toJson()).join();
        JsonNode reply = messages.until(m -> "Hi, I'm Sam from support.".equals(m.path("content").asString())).getLast();
        assertThat(reply.get("type").asString()).isEqualTo("text");
        assertThat(reply.get("metadata").get("role").asString()).isEqualTo("agent");
        assertThat(reply.get("metadata").get("is_final").asBoolean()).isTrue();
        assertTimestamped(List.of(reply));
        socket.sendClose(1000, "bye").join();
    }

    @Test
    void anAudioMessageIsTranscribedAnsweredAndSpokenWhenAudioIsExpected() throws Exception {
        PROVIDER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/audio/transcriptions"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"task\": \"transcribe\", \"language\": \"english\","
                        + " \"duration\": 1.0, \"text\": \"Where is my parcel\", \"segments\": [{\"avg_logprob\": -0.1}]}")));
        PROVIDER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/audio/speech"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "audio/wav").withBody(SpeechSamples.wav(new byte[24000 * 2], 24000))));
        modelStreams("parcel", 0, "It is", " on its way.");
        Messages messages = new Messages();
        WebSocket socket = socket(TestTokens.newTenant(), "ws-voice", messages);
        messages.next();
        send(socket, "{\"type\": \"audio\", \"audio_data\": \"" + SpeechSamples.b64(SpeechSamples.silence(16000, 1.0))
                + "\", \"sample_rate\": 16000, \"metadata\": {\"expect_audio\": true}, \"timestamp\": \"" + Instant.now() + "\"}");
        List<JsonNode> answer = messages.until(m -> "audio".equals(m.get("type").asString()) || "error".equals(m.get("type").asString()));
        List<String> types = answer.stream().map(m -> m.get("type").asString()).toList();
        assertThat(types.getFirst()).isEqualTo("status");
        assertThat(answer.getFirst().get("metadata").get("stage").asString()).isEqualTo("transcribing");
        JsonNode transcript = answer.get(types.indexOf("transcript"));
        assertThat(transcript.get("content").asString()).isEqualTo("Where is my parcel");
        assertThat(transcript.get("metadata").get("language").asString()).isEqualTo("en");
        assertThat(transcript.get("metadata").get("confidence").asDouble()).isPositive();
        JsonNode finalText = answer.stream().filter(ChatWebSocketTest::isFinal).findFirst().orElseThrow();
        assertThat(finalText.get("content").asString()).isEqualTo("It is on its way.");
        assertThat(types.indexOf("transcript")).isLessThan(answer.indexOf(finalText));
        JsonNode audio = answer.getLast();
        assertThat(audio.get("type").asString()).as(audio.toString()).isEqualTo("audio");
        assertThat(audio.get("sample_rate").asInt()).isEqualTo(24000);
        assertThat(audio.get("metadata").get("is_final").asBoolean()).isTrue();
        assertThat(SpeechSamples.formatOf(java.util.Base64.getDecoder().decode(audio.get("audio_data").asString())).getSampleRate())
                .isEqualTo(24000f);
        assertTimestamped(answer);
        socket.sendClose(1000, "bye").join();
    }

    @Test
    void aTurnThatIsRefusedIsAnErrorOnThatSocketAndTheConnectionGoesOn() throws Exception {
        Messages messages = new Messages();
        WebSocket socket = socket(TestTokens.newTenant(), "ws-refused", messages);
        messages.next();
        send(socket, "{\"type\": \"audio\", \"audio_data\": \"not base64 at all!\", \"sample_rate\": 16000}");
        JsonNode error = messages.until(m -> "error".equals(m.get("type").asString())).getLast();
        assertThat(error.get("content").asString()).contains("audio_b64 is not valid base64");
        assertThat(error.get("metadata").get("status_code").asInt()).isEqualTo(400);
        send(socket, "{\"type\": \"audio\", \"audio_data\": \"AAAA\", \"sample_rate\": 3}");
        assertThat(messages.until(m -> "error".equals(m.get("type").asString())).getLast().get("content").asString())
                .contains("sample_rate must be between");
        send(socket, "{\"type\": \"ping\"}");
        assertThat(messages.until(m -> "pong".equals(m.get("type").asString()))).isNotEmpty();
        socket.sendClose(1000, "bye").join();
    }

    /** Another replica publishes on the session's Redis channel: this replica's sockets of that session get it. */
    @Test
    void whatAnotherReplicaPublishesForTheSessionReachesThisReplicasSockets() throws Exception {
        String tenant = TestTokens.newTenant();
        Messages mine = new Messages();
        Messages otherTenant = new Messages();
        WebSocket a = socket(tenant, "ws-replica", mine);
        WebSocket b = socket(TestTokens.newTenant(), "ws-replica", otherTenant);
        mine.next();
        otherTenant.next();
        // another replica's feed: its own instance, over the same Redis
        new dev.supportplatform.chat.realtime.SessionFeed(redis).publish(tenant, "ws-replica",
                "{\"type\":\"text\",\"content\":\"from elsewhere\",\"metadata\":{\"is_final\":true},\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        assertThat(mine.next().get("content").asString()).isEqualTo("from elsewhere");
        Thread.sleep(500);
        assertThat(otherTenant.queue).isEmpty();
        a.sendClose(1000, "bye").join();
        b.sendClose(1000, "bye").join();
    }

    @Test
    void aHandshakeWithoutTheGatewaysTokenIsRefused() {
        assertThatThrownBy(() -> HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/chat/no-token"), new Messages()).join())
                .isInstanceOf(CompletionException.class);
    }

    @Test
    void theRestPathsUnderChatStillAnswerPlainRequests() {
        assertThat(api(TestTokens.newTenant()).get("/chat/conversations").status()).isNotIn(400, 426);
    }

    @Test
    void anAgentReplyIsStoredEvenWithNoSocketOpen() {
        // the fan-out is in addition to storing: nothing listens, the reply is still in the conversation
        String tenant = TestTokens.newTenant();
        api(tenant).post("/v1/chat/unified", Map.of("text_input", "I want to speak to a human agent please", "session_id", "ws-none"));
        String ticket = jdbc.queryForObject("select ticket_id from conversation where tenant_id = ? and external_id = 'ws-none'",
                String.class, tenant);
        kafka.send(Topics.ESCALATION, ticket, EventEnvelope.of(tenant, ticket, new EscalationEvents.AgentReplied(ticket, "ws-none",
                "ws-none", "cust-1", "agent-7", "em-2", "Stored anyway")).toJson()).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> api(tenant).get("/v1/sessions/ws-none/messages").body().contains("Stored anyway"));
    }
}
