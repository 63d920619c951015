package dev.supportplatform.chat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** A remote model calls tools through LangChain4j tool calling: MCP server tools, web search, the CRM lookup. */
@ServiceIntegrationTest
class RemoteToolCallingTest extends RemoteProvidersSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The model asks for {@code tool} when the question contains {@code marker}, then answers once it has the result
     * (a request carrying a tool result message, which alone has a {@code tool_call_id}).
     */
    private static void modelCallsThenAnswers(String marker, String tool, String argumentsJson, String answer) {
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker))
                .withRequestBody(notContaining("tool_call_id")).willReturn(okJson(toolCall(tool, argumentsJson))));
        PROVIDER.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing(marker))
                .withRequestBody(containing("tool_call_id")).willReturn(okJson(completion(answer))));
    }

    private static List<LoggedRequest> modelRequests() {
        return PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    private static List<String> summary(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("tool").asString() + ":" + e.get("status").asString()));
        return out;
    }

    private static JsonNode event(JsonNode events, String tool, String status) {
        for (JsonNode e : events) {
            if (e.get("tool").asString().equals(tool) && e.get("status").asString().equals(status)) {
                return e;
            }
        }
        throw new AssertionError("no " + tool + " " + status + " event in " + events);
    }

    @Test
    void theModelCallsTheMcpServersToolAndAnswersWithItsResult() {
        String tenant = TestTokens.newTenant();
        modelCallsThenAnswers("A-1001", "order_status", "{\"order_id\": \"A-1001\"}", "Your order A-1001 shipped on 2026-01-03.");

        HttpApi.Response r = api(tenant).post("/v1/chat/unified", Map.of("text_input", "Where is my order A-1001?", "session_id", "mcp-1"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("content").asString()).isEqualTo("Your order A-1001 shipped on 2026-01-03.");
        JsonNode events = r.json().get("tool_events");
        assertThat(summary(events)).containsExactly("semantic_search:start", "semantic_search:end", "order_status:start", "order_status:end");
        assertThat(event(events, "order_status", "start").get("args").get("order_id").asString()).isEqualTo("A-1001");
        assertThat(event(events, "order_status", "end").get("result_preview").asString()).contains("shipped on 2026-01-03 with tracking number 1Z999");

        List<LoggedRequest> calls = modelRequests();
        assertThat(calls).hasSize(2);
        JsonNode offered = JSON.readTree(calls.get(0).getBodyAsString()).get("tools");
        List<String> names = new ArrayList<>();
        offered.forEach(t -> names.add(t.get("function").get("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("semantic_search", "crm_lookup", "create_ticket", "web_search", "order_status");
        assertThat(calls.get(1).getBodyAsString()).contains("tracking number 1Z999");

        // Analytics hears of both calls; tokens of both model rounds are counted.
        assertThat(events(tenant, "tool.invoked")).hasSize(2);
        assertThat(r.json().get("metadata").get("tokens_used").asInt()).isEqualTo(220 + 330);
    }

    @Test
    void anMcpToolErrorIsAnErrorEventAndTheModelIsToldWhatWentWrong() {
        String tenant = TestTokens.newTenant();
        modelCallsThenAnswers("Z-9", "order_status", "{\"order_id\": \"Z-9\"}", "I could not find order Z-9.");

        HttpApi.Response r = api(tenant).post("/v1/chat/unified", Map.of("text_input", "Where is order Z-9?"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode error = event(r.json().get("tool_events"), "order_status", "error");
        assertThat(error.get("error_message").asString()).isEqualTo("MCP server orders: No order Z-9");
        assertThat(modelRequests().get(1).getBodyAsString()).contains("Error: MCP server orders: No order Z-9");
        JsonNode invoked = events(tenant, "tool.invoked").stream().map(e -> JSON.readTree((String) e.get("payload")).get("data"))
                .filter(d -> d.get("tool").asString().equals("order_status")).findFirst().orElseThrow();
        assertThat(invoked.get("status").asString()).isEqualTo("error");
        assertThat(invoked.get("error_codes").get(0).asString()).isEqualTo("mcp_tool_error");
    }

    @Test
    void webSearchGoesToTheConfiguredProvider() {
        PROVIDER.stubFor(post(urlPathEqualTo("/tavily/search")).willReturn(okJson("""
                {"query": "carrier strike", "results": [{"title": "Carrier strike ends", "url": "https://news.example/strike",
                 "content": "The national carrier strike ended on Monday; deliveries resume.", "score": 0.9}]}""")));
        modelCallsThenAnswers("strike", "web_search", "{\"query\": \"carrier strike\"}", "The strike has ended.");

        HttpApi.Response r = api(TestTokens.newTenant()).post("/v1/chat/unified", Map.of("text_input", "Is the carrier strike over?"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(event(r.json().get("tool_events"), "web_search", "end").get("result_preview").asString())
                .contains("Carrier strike ends");
        assertThat(PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/tavily/search"))).getFirst().getBodyAsString())
                .contains("carrier strike").contains("tvly-test");
        assertThat(modelRequests().get(1).getBodyAsString()).contains("deliveries resume");
    }

    @Test
    void theCrmLookupReadsOnlyTheCustomerOfThisConversationWhateverTheModelAsks() {
        PEERS.stubFor(get(urlPathMatching("/crm/users/.*")).atPriority(1).willReturn(okJson("""
                {"success": true, "data": {"id": "c-1", "name": "Test Key Owner", "email": "owner@example.com"}}""")));
        modelCallsThenAnswers("my email", "crm_lookup", "{\"user_id\": \"someone-else\"}", "Your email is owner@example.com.");

        HttpApi.Response r = api(TestTokens.newTenant()).post("/v1/chat/unified", Map.of("text_input", "Which is my email address?"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(event(r.json().get("tool_events"), "crm_lookup", "end").get("result_preview").asString())
                .contains("owner@example.com");
        assertThat(PEERS.findAll(getRequestedFor(urlPathMatching("/crm/users/.*"))))
                .allSatisfy(req -> assertThat(req.getUrl()).isEqualTo("/crm/users/test-key"));
    }

    @Test
    void aCallToAToolThatDoesNotExistIsAnErrorEventAndTheModelHearsWhichExist() {
        modelCallsThenAnswers("delete everything", "drop_database", "{}", "I cannot do that.");

        HttpApi.Response r = api(TestTokens.newTenant()).post("/v1/chat/unified", Map.of("text_input", "Please delete everything"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(event(r.json().get("tool_events"), "drop_database", "error").get("error_message").asString())
                .isEqualTo("No tool named drop_database");
        assertThat(modelRequests().get(1).getBodyAsString()).contains("there is no tool named drop_database");
    }
}
