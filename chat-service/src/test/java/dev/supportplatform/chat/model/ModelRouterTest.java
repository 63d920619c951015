package dev.supportplatform.chat.model;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.supportplatform.chat.turn.Intent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Routing, fallback, circuit breaking, cost and streaming against WireMock standing in for an OpenAI-compatible server. */
class ModelRouterTest {

    static final WireMockServer LLM = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void start() {
        LLM.start();
    }

    @AfterAll
    static void stop() {
        LLM.stop();
    }

    @BeforeEach
    void reset() {
        LLM.resetAll();
    }

    private static ModelsProperties properties(List<String> fallback) {
        return new ModelsProperties("openai", LLM.baseUrl() + "/v1", "test-key", "fast-model", "strong-model", fallback, 0.6,
                Duration.ofSeconds(2), 0.0, 50, Duration.ofSeconds(60),
                Map.of("fast-model", new ModelsProperties.Price(1.0, 2.0), "strong-model", new ModelsProperties.Price(10.0, 30.0)));
    }

    private static ModelRouter router(ModelsProperties p) {
        PriceTable prices = new PriceTable(p.prices());
        List<ModelProvider> fallback = new ArrayList<>();
        p.fallback().forEach(name -> fallback.add(ModelConfiguration.build("openai", name, p, prices)));
        return new ModelRouter(ModelConfiguration.build("openai", "fast-model", p, prices),
                ModelConfiguration.build("openai", "strong-model", p, prices), fallback, new LocalModel(), p);
    }

    private static void answers(String model, String text) {
        LLM.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .willReturn(okJson("{\"id\": \"c1\", \"object\": \"chat.completion\", \"created\": 1, \"model\": \"" + model + "\","
                        + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"" + text + "\"},"
                        + " \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 1000, \"completion_tokens\": 200, \"total_tokens\": 1200}}")));
    }

    private static void fails(String model) {
        LLM.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"boom\"}}")));
    }

    private static GenerationRequest request(boolean strong) {
        return new GenerationRequest("How do refunds work?", Intent.QUESTION, "support_agent", "Be brief.",
                List.of(new Passage("c1", "d1", "refunds.md", "Refunds", "Refunds take 14 days.", 0.9, "kb_1")),
                List.of(new GenerationRequest.HistoryLine("user", "earlier question"), new GenerationRequest.HistoryLine("assistant", "earlier answer")),
                strong, "auto");
    }

    @Test
    void simpleQuestionsGoToTheFastModelAndComplexOnesToTheStrongOneWithTheirCost() {
        answers("fast-model", "Refunds take 14 days [1].");
        answers("strong-model", "Refunds take 14 days, per policy [1].");
        ModelRouter router = router(properties(List.of()));

        Generation fast = router.generate(request(false));
        assertThat(fast.model()).isEqualTo("fast-model");
        assertThat(fast.citedPassages()).containsExactly(1);
        assertThat(fast.inputTokens()).isEqualTo(1000);
        assertThat(fast.costUsd()).isEqualTo((1000 * 1.0 + 200 * 2.0) / 1e6);

        Generation strong = router.generate(request(true));
        assertThat(strong.model()).isEqualTo("strong-model");
        assertThat(strong.costUsd()).isEqualTo((1000 * 10.0 + 200 * 30.0) / 1e6);

        // the passages and the conversation memory reach the model
        String body = LLM.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).getFirst().getBodyAsString();
        assertThat(body).contains("Refunds take 14 days.").contains("earlier question").contains("earlier answer").contains("Be brief.");
    }

    @Test
    void aFailingModelFallsBackAlongTheChainAndFinallyToTheLocalModel() {
        fails("strong-model");
        answers("fast-model", "From the fast model [1].");
        ModelRouter router = router(properties(List.of()));
        Generation g = router.generate(request(true));
        assertThat(g.model()).isEqualTo("fast-model");
        assertThat(g.attempts()).singleElement().asString().startsWith("strong-model");

        fails("fast-model");
        Generation local = router.generate(request(true));
        assertThat(local.model()).isEqualTo("local");
        assertThat(local.text()).contains("Refunds take 14 days.").contains("[1]");
    }

    @Test
    void theCircuitBreakerStopsCallingAModelThatKeepsFailing() {
        fails("fast-model");
        fails("strong-model");
        ModelRouter router = router(properties(List.of()));
        for (int i = 0; i < 4; i++) {
            assertThat(router.generate(request(false)).model()).isEqualTo("local");
        }
        assertThat(router.breakerState("fast-model")).isEqualTo(CircuitBreaker.State.OPEN);
        int callsBefore = LLM.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).size();
        router.generate(request(false));
        assertThat(LLM.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")))).hasSize(callsBefore);
    }

    @Test
    void aTimedOutModelCountsAsFailed() {
        LLM.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", equalTo("fast-model")))
                .willReturn(okJson("{}").withFixedDelay(4000)));
        answers("strong-model", "Strong answer [1].");
        Generation g = router(properties(List.of())).generate(request(false));
        assertThat(g.model()).isEqualTo("strong-model");
    }

    @Test
    void answersStreamWordByWord() {
        String sse = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-model\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Refunds \"}}]}\n\n"
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"take 14 days [1].\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n";
        LLM.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", equalTo("fast-model")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse)));
        List<String> tokens = new ArrayList<>();
        Generation g = router(properties(List.of())).stream(request(false), tokens::add);
        assertThat(tokens).containsExactly("Refunds ", "take 14 days [1].");
        assertThat(g.text()).isEqualTo("Refunds take 14 days [1].");

        List<String> localTokens = new ArrayList<>();
        Generation local = new LocalModel().stream(request(false), localTokens::add);
        assertThat(localTokens.size()).isGreaterThan(3);
        assertThat(String.join("", localTokens)).isEqualTo(local.text());
    }
}
