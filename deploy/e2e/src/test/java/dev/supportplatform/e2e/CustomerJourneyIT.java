package dev.supportplatform.e2e;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.TestDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * issue 11: one customer walks through all five contracts on the running platform, with one tenant's API key as the
 * only credential. A contact created through agents.md; a document uploaded through assistant.md; a question asked
 * through support.md answered from that document with a citation; the same conversation read through platform.md
 * and conversations.md; an escalation when the customer asks for a human; the human's reply reaching the customer's
 * WebSocket (assistant.md); platform.md's signed webhooks received by a receiver in this JVM and verified by the
 * contract's own Python verifier; and the analytics of all five contracts counting the conversation.
 */
@ExtendWith(E2ePlatform.Resolver.class)
class CustomerJourneyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static E2ePlatform platform;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start(E2ePlatform running) {
        platform = running;
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static JsonNode ok(HttpApi.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response.json();
    }

    @Test
    void oneCustomerThroughAllFiveContracts() throws Exception {
        E2ePlatform.Tenant tenant = platform.newTenant("journey");
        HttpApi api = HttpApi.at(platform.gatewayUrl()).withHeader("X-API-Key", tenant.apiKey());
        String suffix = HexFormat.of().formatHex(new byte[]{(byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        String session = "journey-" + suffix;

        // platform.md: a webhook subscription, its secret shown once
        JsonNode hook = ok(api.post("/api/v1/webhooks", Map.of("url", receiver.url(),
                "events", List.of("conversation.created", "message.received", "conversation.escalated"))));
        String secret = hook.get("secret").asString();

        // agents.md: the customer becomes a contact
        JsonNode contact = ok(api.post("/crm/create_user", Map.of("name", "Maya Lindqvist", "email", "maya." + suffix + "@journey.example",
                "company", "Fjord Bikes"))).get("data");
        String customerId = contact.get("id").asString();

        // assistant.md: the document the answer will come from
        JsonNode upload = uploadDocument(tenant, "warranty.pdf",
                TestDocuments.pdf("Every Fjord Bikes frame carries a seven year warranty against manufacturing defects."));
        assertThat(upload.get("status").asString()).as("upload %s", upload).isEqualTo("success");

        // assistant.md: the customer's WebSocket, open before anything is said
        try (ChatSocket socket = ChatSocket.open(platform.gatewayUrl(), session, tenant.apiKey())) {

            // support.md: the question, answered from the document with a citation
            JsonNode answer = ok(api.post("/api/query", Map.of("query", "How long is the warranty on a Fjord Bikes frame?",
                    "session_id", session, "customer_id", customerId)));
            assertThat(answer.get("response").asString()).as("the answer %s", answer).containsIgnoringCase("seven year warranty")
                    .contains("[1]").contains("warranty.pdf");
            assertThat(answer.get("escalated").asBoolean()).isFalse();

            // platform.md and conversations.md: the same conversation
            JsonNode conversation = ok(api.get("/api/v1/conversations/" + session));
            assertThat(conversation.get("conversation_id").asString()).isEqualTo(session);
            assertThat(conversation.get("user_id").asString()).isEqualTo(customerId);
            assertThat(conversation.get("messages")).extracting(m -> m.get("sender").asString() + ": " + m.get("content").asString())
                    .containsExactly("user: How long is the warranty on a Fjord Bikes frame?", "ai: " + answer.get("response").asString());
            JsonNode listed = ok(api.get("/chat/conversations")).get("data");
            assertThat(listed.get("total").asInt()).isEqualTo(1);
            long number = listed.get("conversations").get(0).get("id").asLong();
            JsonNode messages = ok(api.get("/chat/conversations/" + number + "/messages")).get("data").get("messages");
            assertThat(messages).extracting(m -> m.get("sender").asString() + ": " + m.get("content").asString())
                    .containsExactly("user: How long is the warranty on a Fjord Bikes frame?", "agent: " + answer.get("response").asString());

            // support.md: the customer asks for a human, and gets a ticket
            JsonNode handOff = ok(api.post("/api/query", Map.of("query", "I want to talk to a human agent please",
                    "session_id", session, "customer_id", customerId)));
            assertThat(handOff.get("escalated").asBoolean()).as("hand-off %s", handOff).isTrue();
            assertThat(handOff.get("escalation_reason").asString()).isEqualTo("manual_request");
            String ticket = handOff.get("ticket_id").asString();
            assertThat(ok(api.get("/api/escalation/" + ticket)).get("session_id").asString()).isEqualTo(session);

            // the human's reply reaches the customer's WebSocket and the conversation
            String reply = "Hi Maya, this is Sam from Fjord Bikes. Your frame is covered, I will send a replacement.";
            ok(api.post("/api/escalation/" + ticket + "/messages", Map.of("agent_id", "agent-sam", "content", reply)));
            JsonNode pushed = socket.awaitMessage(m -> reply.equals(m.path("content").asString()), Duration.ofSeconds(30));
            assertThat(pushed.get("type").asString()).isEqualTo("text");
            assertThat(pushed.get("metadata").get("role").asString()).isEqualTo("agent");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ok(api.get("/api/v1/conversations/" + session))
                    .get("messages")).anyMatch(m -> m.get("sender").asString().equals("agent") && m.get("content").asString().equals(reply)));
        }

        // platform.md: signed webhooks arrive, and the contract's verifier accepts their signatures
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().stream().map(WebhookReceiver.Delivery::event).toList()
                .containsAll(List.of("conversation.created", "message.received", "conversation.escalated")));
        List<WebhookReceiver.Delivery> received = receiver.deliveries();
        WebhookReceiver.Delivery escalated = received.stream().filter(d -> d.event().equals("conversation.escalated"))
                .findFirst().orElseThrow();
        List<String> shape = DocumentedShape.of("platform.md \"Webhook Payload Example\"",
                        ContractDoc.load("platform.md").section("Webhook Payload Example").json())
                .nullable("data.assigned_agent") // no human has taken the ticket yet when the conversation is escalated
                .expect("event", "conversation.escalated").expect("data.conversation_id", session).expect("data.user_id", customerId)
                .mismatches(escalated.json());
        assertThat(shape).as("the conversation.escalated payload %s", escalated.body()).isEmpty();
        assertThat(verifyWithContractSample(tenant, received, secret)).as("platform.md's verify_webhook on each delivery")
                .containsOnly("True").hasSize(received.size());
        WebhookReceiver.Delivery tampered = new WebhookReceiver.Delivery(received.get(0).signature(),
                received.get(0).body().replace(session, session + "x"));
        assertThat(verifyWithContractSample(tenant, List.of(tampered), secret)).as("a tampered body").containsExactly("False");

        // the analytics of all five contracts count the conversation
        // from the day before the test to the day the figures are read: a walk across midnight (UTC) still counts once
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode agents = ok(api.get("/admin/analytics/system")).get("data");
            assertThat(agents.at("/overview/total_conversations").asLong()).as("agents.md total_conversations").isEqualTo(1);
            assertThat(agents.at("/document_metrics/total_documents").asLong()).as("agents.md total_documents").isEqualTo(1);
            JsonNode support = ok(api.get("/api/metrics?timeframe=day"));
            assertThat(support.get("total_queries").asLong()).as("support.md total_queries").isEqualTo(2);
            assertThat(support.get("escalation_rate").asDouble()).as("support.md escalation_rate").isPositive();
            JsonNode assistant = ok(api.get("/v1/analytics/overview"));
            assertThat(assistant.get("total_sessions").asLong()).as("assistant.md total_sessions").isEqualTo(1);
            JsonNode platformMetrics = ok(api.get("/api/v1/analytics?start_date=" + from + "&end_date="
                    + LocalDate.now(ZoneOffset.UTC))).get("metrics");
            assertThat(platformMetrics.get("total_conversations").asLong()).as("platform.md total_conversations").isEqualTo(1);
            assertThat(platformMetrics.get("escalated").asLong()).as("platform.md escalated").isEqualTo(1);
            JsonNode conversations = ok(api.get("/chat/analytics/dashboard")).get("data");
            assertThat(conversations.get("total_conversations").asLong()).as("conversations.md total_conversations").isEqualTo(1);
        });
    }

    /** assistant.md's upload, multipart as its cURL example sends it. */
    private static JsonNode uploadDocument(E2ePlatform.Tenant tenant, String filename, byte[] content) throws Exception {
        String boundary = UUID.randomUUID().toString();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"collection_name\"\r\n\r\ndocuments\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + "/v1/ingestion/upload")).header("X-API-Key", tenant.apiKey())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Runs platform.md's verify_webhook (Python, from the contract) on each delivery; one "True"/"False" per delivery. */
    private static List<String> verifyWithContractSample(E2ePlatform.Tenant tenant, List<WebhookReceiver.Delivery> deliveries,
                                                         String secret) {
        String verifier = ContractDoc.load("platform.md").section("Webhook Security").code("python");
        SampleRunner runner = new SampleRunner(platform.gatewayUrl(), tenant.apiKey());
        List<Map<String, String>> input = deliveries.stream().map(d -> Map.of("payload", d.body(), "signature",
                String.valueOf(d.signature()))).toList();
        runner.withFile("deliveries.json", JSON.writeValueAsBytes(input));
        SampleRunner.Result result = runner.python("platform.md verify_webhook", verifier + """

                import json
                for delivery in json.load(open("deliveries.json")):
                    print(verify_webhook(delivery["payload"], delivery["signature"], %s))
                """.formatted(JSON.writeValueAsString(secret)));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.stdout().lines().toList();
    }
}
