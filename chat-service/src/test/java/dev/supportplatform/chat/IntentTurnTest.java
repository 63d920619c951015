package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The detected intent in the turn: stored on the message, shown in its metadata and events, and acted on. */
@ServiceIntegrationTest
class IntentTurnTest extends ChatTestSupport {

    private static void intent(HttpApi client, String name, Map<String, Object> action, String... examples) {
        HttpApi.Response r = client.post("/api/v1/intents", Map.of("name", name, "action", action, "examples", List.of(examples)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static void train(HttpApi client) {
        assertThat(client.post("/api/v1/intents/train", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/api/v1/intents/model").json().get("status").asString().equals("ready"));
    }

    private static JsonNode query(HttpApi client, String session, String text) {
        HttpApi.Response r = client.post("/api/query", Map.of("query", text, "session_id", session, "customer_id", "cust-7"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** A tenant whose three intents each do something different. */
    private HttpApi tenantWithIntents(String tenant) {
        HttpApi client = api(tenant);
        assertThat(client.post("/api/v1/personas", Map.of("name", "warranty_desk", "instructions", "You handle warranty claims."))
                .status()).isEqualTo(201);
        intent(client, "warranty_claim", Map.of("type", "route", "route_to", "warranty_desk"),
                "My device broke within the warranty period", "I want to make a warranty claim", "Is this repair covered by warranty?",
                "The screen cracked after two months, is that under guarantee?", "Can I get a free replacement under warranty?");
        intent(client, "legal_threat", Map.of("type", "escalate", "escalation_reason", "legal_review"),
                "I will take you to court", "My lawyer will contact you", "I am going to sue your company",
                "Expect legal action from me", "I'm reporting you to the consumer protection authority");
        intent(client, "api_question", Map.of("type", "answer", "knowledge_filter", Map.of("collection", "developer-docs")),
                "How do I authenticate against your REST API?", "What is the rate limit of the API?", "Where do I find my API key?",
                "Which endpoint lists my orders via the API?", "Does the API support webhooks?");
        train(client);
        return client;
    }

    @Test
    void theIntentIsStoredOnTheUserMessageShownInTheMetadataAndCarriedByTheEvent() {
        String tenant = TestTokens.newTenant();
        HttpApi client = tenantWithIntents(tenant);
        JsonNode r = query(client, "s-warranty", "my headphones stopped working after a month, can I claim the warranty?");
        assertThat(r.get("intent").asString()).isEqualTo("warranty_claim");
        assertThat(r.get("intent_confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.get("agent_used").asString()).as("the intent routes to its persona").isEqualTo("warranty_desk");

        Map<String, Object> user = jdbc.queryForMap("select intent, intent_confidence from message where tenant_id = ? and sender = 'user'", tenant);
        assertThat(user.get("intent")).isEqualTo("warranty_claim");
        assertThat((Double) user.get("intent_confidence")).isEqualTo(r.get("intent_confidence").asDouble());
        String metadata = jdbc.queryForObject("select metadata::text from message where tenant_id = ? and sender = 'assistant'", String.class, tenant);
        assertThat(metadata).contains("\"intent\": \"warranty_claim\"").contains("\"intent_detail\"").contains("\"candidates\"");
        assertThat(events(tenant, "message.answered").getFirst().get("payload").toString()).contains("\"intent\": \"warranty_claim\"");
        JsonNode session = client.get("/api/session/s-warranty").json();
        assertThat(session.toString()).contains("\"intent\":\"warranty_claim\"");
    }

    @Test
    void anEscalatingIntentHandsTheConversationToAHumanWithItsReason() {
        HttpApi client = tenantWithIntents(TestTokens.newTenant());
        JsonNode r = query(client, "s-legal", "I'm calling my attorney and taking your firm to court over this");
        assertThat(r.get("intent").asString()).isEqualTo("legal_threat");
        assertThat(r.get("escalated").asBoolean()).isTrue();
        assertThat(r.get("escalation_reason").asString()).isEqualTo("legal_review");
        PEERS.verify(postRequestedFor(urlPathEqualTo("/api/escalation")).withRequestBody(containing("legal_review")));
    }

    @Test
    void anAnsweringIntentSearchesOnlyItsKnowledgeFilter() {
        HttpApi client = tenantWithIntents(TestTokens.newTenant());
        JsonNode r = query(client, "s-api", "how do I get a token to call your REST API?");
        assertThat(r.get("intent").asString()).isEqualTo("api_question");
        PEERS.verify(postRequestedFor(urlPathEqualTo("/api/v1/knowledge-base/search"))
                .withRequestBody(equalToJson("{\"filters\": {\"collection\": \"developer-docs\"}}", true, true)));
    }

    @Test
    void aMessageMatchingNoIntentIsOutOfScopeAndAnsweredFromTheKnowledgeBaseAsBefore() {
        String tenant = TestTokens.newTenant();
        HttpApi client = tenantWithIntents(tenant);
        JsonNode r = query(client, "s-oos", "Do you have stores in Lisbon?");
        assertThat(r.get("intent").asString()).isEqualTo("out_of_scope");
        assertThat(r.get("escalated").asBoolean()).isFalse();
        PEERS.verify(postRequestedFor(urlPathEqualTo("/api/v1/knowledge-base/search")).withRequestBody(containing("Lisbon")));
        assertThat(jdbc.queryForObject("select intent from message where tenant_id = ? and sender = 'user'", String.class, tenant))
                .isEqualTo("out_of_scope");
    }

    @Test
    void builtInIntentsWorkForATenantThatNeverTrainedAndSkipTheKnowledgeBase() {
        HttpApi client = api(TestTokens.newTenant());
        JsonNode hello = query(client, "s-hello", "Hi there!");
        assertThat(hello.get("intent").asString()).isEqualTo("greeting");
        assertThat(hello.get("response").asString()).startsWith("Hello!");
        JsonNode thanks = query(client, "s-hello", "thanks so much, that's really helpful");
        assertThat(thanks.get("intent").asString()).isEqualTo("thanks");
        PEERS.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/knowledge-base/search")));
        JsonNode complaint = query(client, "s-complaint", "I'm really unhappy, this is the third time my order arrived damaged");
        assertThat(complaint.get("intent").asString()).isEqualTo("complaint");
        assertThat(complaint.get("agent_used").asString()).isEqualTo("support_agent");
    }
}
