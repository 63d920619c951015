package dev.supportplatform.chat;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.events.payload.KnowledgeEvents;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import dev.supportplatform.chat.intent.IntentService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The AI turn end to end through HTTP: scoring, retrieval, answer, confidence, escalation, cache and hand-off. */
@ServiceIntegrationTest
class TurnPipelineTest extends ChatTestSupport {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    IntentService intents;

    private static final List<Map<String, Object>> REFUND_DOCS = List.of(
            Map.of("source", "refund-policy.pdf", "content",
                    "Refunds are issued within 14 days of purchase. Contact billing to start a refund request.", "score", 0.91),
            Map.of("source", "shipping.md", "content", "Orders ship within two business days.", "score", 0.35));

    private JsonNode query(HttpApi client, String session, String text) {
        HttpApi.Response r = client.post("/api/query", Map.of("query", text, "session_id", session, "customer_id", "cust-1"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void anAnswerFromTheKnowledgeBaseCitesItsSourcesAndCarriesEveryMeasurement() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        knowledgeReturns("refund", REFUND_DOCS);

        JsonNode r = query(client, "s-refund", "How long do refunds take after purchase?");
        assertThat(r.get("response").asString()).contains("Refunds are issued within 14 days of purchase").contains("[1]")
                .contains("refund-policy.pdf").doesNotContain("Orders ship");
        assertThat(r.get("sources").get(0).asString()).isEqualTo("kb_0");
        assertThat(r.get("confidence").asDouble()).isGreaterThan(0.6);
        assertThat(r.get("escalated").asBoolean()).isFalse();
        assertThat(r.get("cached").asBoolean()).isFalse();
        assertThat(r.get("model_used").asString()).isEqualTo("local");
        assertThat(r.get("tokens_used").asInt()).isPositive();
        assertThat(r.get("response_time_ms").isNumber()).isTrue();

        String metadata = jdbc.queryForObject("select metadata::text from message where sender = 'assistant' and conversation_id ="
                + " (select id from conversation where external_id = 's-refund' and tenant_id = ?)", String.class, tenant);
        assertThat(metadata).contains("\"retrieval_ms\"").contains("\"generation_ms\"").contains("\"rag_context\"")
                .contains("refund-policy.pdf").contains("\"agent_used\"");
    }

    @Test
    void withoutARelevantPassageTheAnswerSaysSoAndRepeatedFailuresEscalate() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        JsonNode first = query(client, "s-none", "What is the airspeed of an unladen swallow?");
        assertThat(first.get("response").asString()).contains("couldn't find an answer").contains("knowledge base");
        assertThat(first.get("confidence").asDouble()).isLessThan(0.3);
        assertThat(first.get("escalated").asBoolean()).isFalse();
        query(client, "s-none", "Which moon has the most craters?");
        JsonNode third = query(client, "s-none", "Who painted the ceiling in that chapel?");
        assertThat(third.get("escalated").asBoolean()).isTrue();
        assertThat(third.get("escalation_reason").asString()).isEqualTo("repeated_failures");
        assertThat(third.get("ticket_id").asString()).isEqualTo("TKT-2026-000123");
        assertThat(events(tenant, "conversation.escalated")).hasSize(1);
    }

    @Test
    void negativeSentimentOpensATicketInTheEscalationService() {
        String tenant = TestTokens.newTenant();
        JsonNode r = query(api(tenant), "s-angry", "This is terrible! Nothing works and I am extremely frustrated!");
        assertThat(r.get("sentiment_score").asDouble()).isLessThan(-0.5);
        assertThat(r.get("escalated").asBoolean()).isTrue();
        assertThat(r.get("escalation_reason").asString()).isEqualTo("negative_sentiment");
        assertThat(r.get("ticket_id").asString()).isEqualTo("TKT-2026-000123");
        PEERS.verify(postRequestedFor(urlPathEqualTo("/api/escalation")).withRequestBody(equalToJson(
                "{\"session_id\": \"s-angry\", \"reason\": \"negative_sentiment\", \"customer_id\": \"cust-1\","
                        + " \"conversation_id\": \"s-angry\"}", true, true)));
        JsonNode session = api(tenant).get("/api/session/s-angry").json();
        assertThat(session.get("escalations").get(0).get("ticket_id").asString()).isEqualTo("TKT-2026-000123");
        assertThat(events(tenant, "conversation.escalated").getFirst().get("payload").toString()).contains("negative_sentiment");
    }

    @Test
    void aFailingEscalationServiceStillAnswersAndRecordsTheEscalation() {
        PEERS.stubFor(post(urlPathEqualTo("/api/escalation")).atPriority(1).willReturn(aResponse().withStatus(503)));
        HttpApi client = api(TestTokens.newTenant());
        JsonNode r = query(client, "s-down", "I want to speak to a human agent please");
        assertThat(r.get("escalated").asBoolean()).isTrue();
        assertThat(r.get("escalation_reason").asString()).isEqualTo("manual_request");
        assertThat(r.get("ticket_id").isNull()).isTrue();
        assertThat(r.get("response").asString()).contains("human agent");
    }

    @Test
    void whileATicketIsOpenTheAiStaysSilentAndTheHumanAgentsReplyIsDelivered() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        JsonNode escalated = query(client, "s-handoff", "Can I talk to a real person?");
        assertThat(escalated.get("escalation_reason").asString()).isEqualTo("manual_request");
        String ticket = escalated.get("ticket_id").asString();

        JsonNode silent = query(client, "s-handoff", "How long do refunds take after purchase?");
        assertThat(silent.get("response").asString()).contains("human agent");
        assertThat(silent.get("escalated").asBoolean()).isTrue();
        PEERS.verify(1, postRequestedFor(urlPathEqualTo("/api/escalation")));

        send(Topics.ESCALATION, ticket, EventEnvelope.of(tenant, ticket, new EscalationEvents.AgentReplied(ticket, "s-handoff",
                "s-handoff", "cust-1", "agent-7", "em-1", "Hi, I'm Sam. Your refund was approved.")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode messages = client.get("/api/v1/conversations/s-handoff").json().get("messages");
            assertThat(messages.get(messages.size() - 1).get("sender").asString()).isEqualTo("agent");
            assertThat(messages.get(messages.size() - 1).get("content").asString()).contains("refund was approved");
        });

        send(Topics.ESCALATION, ticket, EventEnvelope.of(tenant, ticket, new EscalationEvents.EscalationUpdated(ticket, "s-handoff",
                "s-handoff", "cust-1", "resolved", "agent-7", null)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "resolved".equals(
                jdbc.queryForObject("select ticket_status from conversation where external_id = 's-handoff' and tenant_id = ?",
                        String.class, tenant)));
        JsonNode back = query(client, "s-handoff", "hello");
        assertThat(back.get("response").asString()).startsWith("Hello!");
        assertThat(events(tenant, "conversation.resolved")).hasSize(1);
    }

    /** The message is embedded once, for scoring; the knowledge search gets that vector instead of embedding it again. */
    @Test
    void theKnowledgeSearchCarriesTheMessagesEmbeddingFromTheAnalysis() {
        String tenant = TestTokens.newTenant();
        knowledgeReturns("warranty", REFUND_DOCS);
        String question = "What does the warranty cover for my blender?";
        query(api(tenant), "s-vector", question);

        var searches = PEERS.findAll(postRequestedFor(urlPathEqualTo("/api/v1/knowledge-base/search")).withRequestBody(containing("warranty")));
        assertThat(searches).isNotEmpty();
        JsonNode vector = JsonMapper.builder().build().readTree(searches.getLast().getBodyAsString()).get("query_vector");
        assertThat(vector.get("model").asString()).isEqualTo("all-minilm-l6-v2");
        float[] expected = intents.encoder().blockOf(intents.encoder().encode(question), "all-minilm-l6-v2");
        assertThat(vector.get("values")).hasSize(384);
        for (int i = 0; i < 384; i++) {
            assertThat(vector.get("values").get(i).asDouble()).as("value " + i).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheUntilTheKnowledgeBaseChanges() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        knowledgeReturns("refund", REFUND_DOCS);

        JsonNode first = query(client, "s-c1", "How long do refunds take after purchase?");
        JsonNode second = query(client, "s-c2", "how long do REFUNDS take after purchase");
        assertThat(first.get("cached").asBoolean()).isFalse();
        assertThat(second.get("cached").asBoolean()).isTrue();
        assertThat(second.get("response").asString()).isEqualTo(first.get("response").asString());
        PEERS.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/knowledge-base/search")));
        // another tenant asking the same question is not served from this tenant's cache
        assertThat(query(api(TestTokens.newTenant()), "s-c3", "How long do refunds take after purchase?").get("cached").asBoolean()).isFalse();

        send(Topics.KNOWLEDGE, "doc-9", EventEnvelope.of(tenant, "doc-9",
                new KnowledgeEvents.DocumentIngested("doc-9", "refunds-2026.pdf", "application/pdf", "upload", "default", 3, 1000)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query(client, "s-c4", "How long do refunds take after purchase?").get("cached").asBoolean()).isFalse());
    }

    @Test
    void anUnreachableKnowledgeServiceStillGetsAnHonestAnswer() {
        PEERS.stubFor(post(urlPathEqualTo("/api/v1/knowledge-base/search")).atPriority(1).willReturn(aResponse().withStatus(500)));
        JsonNode r = query(api(TestTokens.newTenant()), "s-kdown", "How long do refunds take after purchase?");
        assertThat(r.get("response").asString()).contains("couldn't find an answer");
    }

    @Test
    void theTestQueryScoresAndAnswersWithoutStoringOrCallingOtherServices() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response r = api(tenant).post("/api/test/query", Map.of("query",
                "I need help with integrating your API with our enterprise system using OAuth 2.0 and handling webhook callbacks"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("complexity_score").asDouble()).isGreaterThan(0.5);
        assertThat(r.json().get("test_mode").asBoolean()).isTrue();
        assertThat(api(tenant).get("/v1/sessions").json().get("total").asInt()).isZero();
        // Only the tenant's escalation rules are read (the simulation applies them); nothing is searched, created or upserted.
        assertThat(PEERS.getAllServeEvents()).allMatch(e -> e.getRequest().getMethod().getName().equals("GET")
                && e.getRequest().getUrl().startsWith("/api/escalation/rules"));
    }

    @Test
    void aHumanAgentsReplyIsPushedToLiveListeners() throws Exception {
        String tenant = TestTokens.newTenant();
        JsonNode escalated = query(api(tenant), "s-live", "I want to speak to a human agent");
        String ticket = escalated.get("ticket_id").asString();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/conversations/s-live/events"))
                .header(dev.supportplatform.common.identity.PlatformHeaders.INTERNAL_TOKEN, TestTokens.forTenant(tenant)).build();
        var pending = http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        try {
            // the subscription is registered when the request reaches the controller; give it a moment
            Thread.sleep(1500);
            send(Topics.ESCALATION, ticket, EventEnvelope.of(tenant, ticket, new EscalationEvents.AgentReplied(ticket, "s-live",
                    "s-live", "cust-1", "agent-3", "em-9", "Hello from a human")));
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains("Hello from a human")));
            assertThat(lines).anyMatch(l -> l.equals("event:agent_message"));
        } finally {
            pending.cancel(true);
        }
    }

    @Test
    void erasingAContactDeletesTheirConversations() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        client.post("/api/query", Map.of("query", "hello", "session_id", "erase-1", "customer_id", "cust-erase"));
        client.post("/api/query", Map.of("query", "hello", "session_id", "keep-1", "customer_id", "cust-keep"));
        send(Topics.CRM, "contact-1", EventEnvelope.of(tenant, "contact-1",
                new CrmEvents.ContactErased("contact-1", List.of("cust-erase"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/session/erase-1").status() == 404);
        assertThat(client.get("/api/session/keep-1").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from message m join conversation c on c.id = m.conversation_id"
                + " where c.tenant_id = ? and c.contact_external_id = 'cust-erase'", Integer.class, tenant)).isZero();
    }

    @Test
    void chatEventsAreKeyedByTheConversationUuidAndNameTheClientsIds() {
        String tenant = TestTokens.newTenant();
        query(api(tenant), "s-events", "hello");
        String uuid = jdbc.queryForObject("select id::text from conversation where tenant_id = ? and external_id = 's-events'",
                String.class, tenant);
        Map<String, Object> created = events(tenant, "conversation.created").getFirst();
        assertThat(created.get("message_key")).isEqualTo(uuid);
        assertThat(created.get("payload").toString()).contains("\"conversation_id\": \"s-events\"").contains("\"contact_id\": \"cust-1\"");
        assertThat(events(tenant, "message.answered").getFirst().get("payload").toString()).contains("\"agent\": \"general_agent\"")
                .contains("\"model\": \"local\"");
    }

    private void send(String topic, String key, EventEnvelope event) {
        kafka.send(topic, key, event.toJson()).join();
    }
}
