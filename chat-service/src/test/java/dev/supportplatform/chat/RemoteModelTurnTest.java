package dev.supportplatform.chat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The service configured for an OpenAI-compatible provider (WireMock stands in for it). */
@ServiceIntegrationTest
class RemoteModelTurnTest extends ChatTestSupport {

    static final WireMockServer LLM = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        LLM.start();
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("platform.models.provider", () -> "openai");
        registry.add("platform.models.base-url", () -> LLM.baseUrl() + "/v1");
        registry.add("platform.models.fast-model", () -> "gpt-4o-mini");
        registry.add("platform.models.strong-model", () -> "gpt-4o");
        registry.add("platform.models.timeout", () -> "3s");
    }

    @BeforeEach
    void resetModel() {
        LLM.resetAll();
    }

    private static void modelAnswers(String text) {
        LLM.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson("{\"id\": \"c1\", \"object\": \"chat.completion\","
                + " \"created\": 1, \"model\": \"gpt-4o-mini\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                + " \"content\": \"" + text + "\"}, \"finish_reason\": \"stop\"}],"
                + " \"usage\": {\"prompt_tokens\": 400, \"completion_tokens\": 50, \"total_tokens\": 450}}")));
    }

    @Test
    void theModelGetsThePassagesAndEarlierTurnsAndTheAnswerCarriesModelTokensAndCost() {
        HttpApi client = api(TestTokens.newTenant());
        knowledgeReturns("refund", List.of(Map.of("source", "refund-policy.pdf",
                "content", "Refunds are issued within 14 days of purchase.", "score", 0.9)));
        modelAnswers("Refunds are issued within 14 days [1].");
        client.post("/api/query", Map.of("query", "My name is Alex and I bought a lamp.", "session_id", "r-1", "customer_id", "c"));
        HttpApi.Response r = client.post("/api/query", Map.of("query", "How long do refunds take?", "session_id", "r-1", "customer_id", "c"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("model_used").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("tokens_used").asInt()).isEqualTo(450);
        assertThat(body.get("cost").asDouble()).isEqualTo((400 * 0.15 + 50 * 0.60) / 1e6);
        assertThat(body.get("sources").get(0).asString()).isEqualTo("kb_0");

        String sent = LLM.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).getLast().getBodyAsString();
        assertThat(sent).contains("Refunds are issued within 14 days of purchase.").contains("My name is Alex");
    }

    @Test
    void whenTheProviderFailsTheLocalModelStillAnswersAndTheFailureIsRecorded() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        LLM.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)));
        knowledgeReturns("refund", List.of(Map.of("source", "refund-policy.pdf",
                "content", "Refunds are issued within 14 days of purchase.", "score", 0.9)));
        HttpApi.Response r = client.post("/api/query", Map.of("query", "How long do refunds take?", "session_id", "r-2", "customer_id", "c"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("model_used").asString()).isEqualTo("local");
        assertThat(r.json().get("response").asString()).contains("14 days");
        String metadata = jdbc.queryForObject("select metadata::text from message where tenant_id = ? and sender = 'assistant'",
                String.class, tenant);
        assertThat(metadata).contains("failed_models").contains("gpt-4o-mini");
    }
}
