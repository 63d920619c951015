package dev.supportplatform.chat;

import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * assistant.md's {@code POST /v1/chat/stream} through the real HTTP API, read as raw lines the way the contract's
 * Python sample reads them ({@code line.startswith(b'data: ')}).
 */
@ServiceIntegrationTest
class ChatStreamTest extends StreamingSupport {

    record Event(String name, JsonNode data, long atMillis) {
    }

    private HttpResponse<InputStream> open(String tenant, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/stream"))
                .header(PlatformHeaders.INTERNAL_TOKEN, TestTokens.forTenant(tenant)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads events until {@code done} or {@code error} (or {@code max} events); every event is one data line and a blank line. */
    private static List<Event> read(BufferedReader lines, long started, int max) throws Exception {
        List<Event> events = new ArrayList<>();
        String line;
        while (events.size() < max && (line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            assertThat(line).startsWith("data: ");
            JsonNode json = JSON.readTree(line.substring(6));
            Event event = new Event(json.get("event").asString(), json.get("data"), (System.nanoTime() - started) / 1_000_000);
            events.add(event);
            assertThat(lines.readLine()).as("an event ends with a blank line").isEmpty();
            if (event.name().equals("done") || event.name().equals("error")) {
                break;
            }
        }
        return events;
    }

    @Test
    void tokensArriveOneByOneBeforeDoneAndAddUpToTheFinalText() throws Exception {
        String tenant = TestTokens.newTenant();
        knowledgeReturns("warranty", List.of(Map.of("source", "warranty.md", "content", "The warranty lasts two years.", "score", 0.8)));
        modelStreams("warranty", 1200, "The warranty", " lasts", " two years", " [1].");
        long started = System.nanoTime();
        HttpResponse<InputStream> response = open(tenant, """
                {"messages": [{"role": "user", "content": "How long is the warranty?"}], "session_id": "sse-1", "enable_tools": true}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> events;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            events = read(lines, started, 1000);
        }
        List<String> names = events.stream().map(Event::name).toList();
        assertThat(names.getLast()).isEqualTo("done");
        assertThat(names).contains("tool", "token");
        assertThat(names.indexOf("tool")).as("the knowledge search runs before the answer").isLessThan(names.indexOf("token"));

        List<Event> tools = events.stream().filter(e -> e.name().equals("tool")).toList();
        assertThat(tools).extracting(e -> e.data().get("tool").asString() + ":" + e.data().get("status").asString())
                .containsExactly("semantic_search:start", "semantic_search:end");
        assertThat(tools.get(1).data().get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);

        List<Event> tokens = events.stream().filter(e -> e.name().equals("token")).toList();
        assertThat(tokens).extracting(e -> e.data().get("text").asString()).containsExactly("The warranty", " lasts", " two years", " [1].");
        Event done = events.getLast();
        assertThat(tokens.getFirst().atMillis()).as("the first token is flushed while the model is still streaming")
                .isLessThan(done.atMillis() - 400);
        String concatenated = String.join("", tokens.stream().map(e -> e.data().get("text").asString()).toList());
        assertThat(done.data().get("final_text").asString()).isEqualTo(concatenated).isEqualTo("The warranty lasts two years [1].");
        JsonNode metadata = done.data().get("metadata");
        assertThat(metadata.get("session_id").asString()).isEqualTo("sse-1");
        assertThat(metadata.get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(metadata.get("sources").get(0).asString()).isEqualTo("kb_0");
        long messageId = metadata.get("message_id").asLong();
        assertThat(api(tenant).get("/v1/sessions/sse-1/messages").json().toString()).contains("The warranty lasts two years [1].");
        assertThat(jdbc.queryForObject("select content from message where id = ?", String.class, messageId)).isEqualTo(concatenated);
    }

    @Test
    void withoutToolsNoToolEventsAreSent() throws Exception {
        HttpResponse<InputStream> response = open(TestTokens.newTenant(), """
                {"messages": [{"role": "user", "content": "Tell me a story"}], "enable_tools": false}""");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<Event> events = read(lines, System.nanoTime(), 1000);
            assertThat(events).extracting(Event::name).doesNotContain("tool").contains("token").endsWith("done");
        }
    }

    @Test
    void aBadRequestIsRefusedWithTheV1ErrorBodyBeforeAnyStreamStarts() {
        HttpApi client = api(TestTokens.newTenant());
        HttpApi.Response missing = client.post("/v1/chat/stream", Map.of("messages", List.of()));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(422);
        assertThat(missing.header("Content-Type")).startsWith("application/json");
        assertThat(missing.json().get("detail").get(0).get("loc").toString()).contains("messages");

        HttpApi.Response badRole = client.post("/v1/chat/stream", Map.of("messages", List.of(Map.of("role", "robot", "content", "hi"))));
        assertThat(badRole.status()).as(badRole.toString()).isIn(400, 422);
        assertThat(badRole.body()).contains("role must be user, assistant or system");

        HttpApi.Response tooLong = client.post("/v1/chat/stream", Map.of("messages", List.of(Map.of("role", "user", "content", "x".repeat(9000)))));
        assertThat(tooLong.status()).as(tooLong.toString()).isIn(400, 422);

        HttpApi.Response notJson = client.postRaw("/v1/chat/stream", "application/json", "{not json");
        assertThat(notJson.status()).isIn(400, 422);
        assertThat(notJson.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void aClientThatDisconnectsStopsGenerationAndWhatWasSaidIsStoredAsInterrupted() throws Exception {
        String tenant = TestTokens.newTenant();
        String[] pieces = new String[40];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = "word" + i + " ";
        }
        modelStreams("story", 8000, pieces); // one piece every ~190 ms
        long started = System.nanoTime();
        HttpResponse<InputStream> response = open(tenant, """
                {"messages": [{"role": "user", "content": "Tell me a long story"}], "session_id": "sse-cut", "enable_tools": false}""");
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        List<Event> events = read(lines, started, 3);
        assertThat(events).extracting(Event::name).containsExactly("token", "token", "token");
        response.body().close(); // the client goes away

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select m.id from message m join conversation c on c.id = m.conversation_id where c.tenant_id = ? and m.sender = 'assistant'",
                tenant)).hasSize(1));
        long stoppedAfter = (System.nanoTime() - started) / 1_000_000;
        assertThat(stoppedAfter).as("stored well before the model would have finished (8 s)").isLessThan(6000);
        Map<String, Object> stored = jdbc.queryForMap("select m.content, m.metadata::text as metadata from message m join conversation c"
                + " on c.id = m.conversation_id where c.tenant_id = ? and m.sender = 'assistant'", tenant);
        String content = (String) stored.get("content");
        assertThat(content).startsWith("word0 word1 word2 ").doesNotContain("word39");
        assertThat(JSON.readTree((String) stored.get("metadata")).get("interrupted").asBoolean()).isTrue();

        // nothing more is stored or published once it stopped
        Thread.sleep(3000);
        assertThat(jdbc.queryForObject("select m.content from message m join conversation c on c.id = m.conversation_id"
                + " where c.tenant_id = ? and m.sender = 'assistant'", String.class, tenant)).isEqualTo(content);
        assertThat(events(tenant, "message.answered")).isEmpty();
    }
}
