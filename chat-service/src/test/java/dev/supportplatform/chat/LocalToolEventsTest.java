package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the local model nothing calls tools by itself; the pipeline's own steps that are tool calls in effect are
 * reported as such: the knowledge search ({@code semantic_search}), the account lookup when the customer asks about
 * their account ({@code crm_lookup}) and opening a ticket ({@code create_ticket}). Each call is a start and an end
 * (or error) event in the response and one {@code tool.invoked} event for analytics.
 */
@ServiceIntegrationTest
class LocalToolEventsTest extends ChatTestSupport {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private List<JsonNode> invokedData(String tenant) {
        return events(tenant, "tool.invoked").stream()
                .map(e -> JSON.readTree((String) e.get("payload")).get("data")).toList();
    }

    private static List<String> summary(JsonNode events) {
        List<String> out = new java.util.ArrayList<>();
        events.forEach(e -> out.add(e.get("tool").asString() + ":" + e.get("status").asString()));
        return out;
    }

    @Test
    void theKnowledgeSearchIsReportedAsSemanticSearchAndCountedForAnalytics() {
        String tenant = TestTokens.newTenant();
        knowledgeReturns("warranty", List.of(Map.of("source", "warranty.md", "content", "The warranty lasts two years.", "score", 0.8)));
        HttpApi.Response r = api(tenant).post("/v1/chat/unified", Map.of("text_input", "How long is the warranty?", "session_id", "t-1"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode events = r.json().get("tool_events");
        assertThat(summary(events)).containsExactly("semantic_search:start", "semantic_search:end");
        assertThat(events.get(0).get("args").get("query").asString()).isEqualTo("How long is the warranty?");
        assertThat(events.get(0).has("latency_ms")).as("a start has no latency yet").isFalse();
        assertThat(events.get(1).get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(events.get(1).get("result_preview").asString()).isEqualTo("1 passage: warranty.md (0.80)");

        List<JsonNode> invoked = invokedData(tenant);
        assertThat(invoked).hasSize(1);
        JsonNode data = invoked.getFirst();
        assertThat(data.get("conversation_id").asString()).isEqualTo("t-1");
        assertThat(data.get("tool").asString()).isEqualTo("semantic_search");
        assertThat(data.get("status").asString()).isEqualTo("end");
        assertThat(data.get("error_codes").size()).isZero();
    }

    @Test
    void aFailedSearchIsAnErrorEventAndTheAnswerStillComes() {
        String tenant = TestTokens.newTenant();
        PEERS.stubFor(post(urlPathEqualTo("/api/v1/knowledge-base/search")).atPriority(1).willReturn(aResponse().withStatus(500)));
        HttpApi.Response r = api(tenant).post("/v1/chat/unified", Map.of("text_input", "How long is the warranty?"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode events = r.json().get("tool_events");
        assertThat(summary(events)).containsExactly("semantic_search:start", "semantic_search:error");
        assertThat(events.get(1).get("error_message").asString()).startsWith("The tool failed");
        JsonNode data = invokedData(tenant).getFirst();
        assertThat(data.get("status").asString()).isEqualTo("error");
        assertThat(data.get("error_codes").get(0).asString()).isEqualTo("InternalServerError");
    }

    @Test
    void aQuestionAboutTheirOwnAccountIsAnsweredFromTheCrmAndNeverCached() {
        String tenant = TestTokens.newTenant();
        PEERS.stubFor(get(urlPathMatching("/crm/users/.*")).atPriority(1).willReturn(okJson("""
                {"success": true, "data": {"id": "c-1", "name": "Jane Doe", "email": "jane@example.com", "phone": null,
                 "company": "Acme", "is_active": true, "stats": {"total_conversations": 3, "total_messages": 12}}}""")));
        HttpApi client = api(tenant);
        HttpApi.Response r = client.post("/v1/chat/unified", Map.of("text_input", "What email do you have on my account?"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(summary(r.json().get("tool_events"))).containsExactly("semantic_search:start", "semantic_search:end",
                "crm_lookup:start", "crm_lookup:end");
        assertThat(r.json().get("content").asString()).contains("The email on your account is jane@example.com");

        HttpApi.Response again = client.post("/v1/chat/unified", Map.of("text_input", "What email do you have on my account?"));
        assertThat(again.json().get("metadata").get("cached").asBoolean()).isFalse();
        assertThat(summary(again.json().get("tool_events"))).contains("crm_lookup:end");
    }

    @Test
    void openingATicketIsReportedAsCreateTicket() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response r = api(tenant).post("/v1/chat/unified", Map.of("text_input", "I want to speak to a human agent please"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode events = r.json().get("tool_events");
        assertThat(summary(events)).containsExactly("create_ticket:start", "create_ticket:end");
        assertThat(events.get(0).get("args").get("reason").asString()).isEqualTo("manual_request");
        assertThat(events.get(1).get("result_preview").asString()).startsWith("Ticket TKT-2026-000123 opened");
        assertThat(r.json().get("metadata").get("ticket_id").asString()).isEqualTo("TKT-2026-000123");
    }

    @Test
    void withToolsDisabledNothingIsReportedOrCounted() {
        String tenant = TestTokens.newTenant();
        knowledgeReturns("warranty", List.of(Map.of("source", "warranty.md", "content", "The warranty lasts two years.", "score", 0.8)));
        HttpApi.Response r = api(tenant).post("/v1/chat/unified", Map.of("text_input", "How long is the warranty?", "enable_tools", false));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("content").asString()).contains("two years");
        assertThat(r.json().get("tool_events").size()).isZero();
        assertThat(events(tenant, "tool.invoked")).isEmpty();
    }
}
