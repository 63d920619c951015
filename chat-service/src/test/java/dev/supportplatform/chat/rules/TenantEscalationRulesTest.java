package dev.supportplatform.chat.rules;

import dev.supportplatform.chat.ChatTestSupport;
import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tenant's escalation rules, owned by escalation-service, decide chat's hand-offs; changes arrive as events. */
@ServiceIntegrationTest
class TenantEscalationRulesTest extends ChatTestSupport {

    /**
     * A neutral message (sentiment near 0): at or below a threshold of 0.5, far above the default -0.6, so the test
     * does not hang on the exact scores of the sentiment lexicon.
     */
    private static final String NEUTRAL = "What are your opening hours on Saturdays?";

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    TenantEscalationRules rules;

    @BeforeEach
    void rulesListenerIsListening() {
        MessageListenerContainer container = listeners.getListenerContainer(EscalationRulesListener.ID);
        assertThat(container).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> !container.getAssignedPartitions().isEmpty());
    }

    private JsonNode dryRun(String tenant, String text) {
        HttpApi.Response r = api(tenant).post("/api/test/query", Map.of("query", text));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private void rulesChanged(String tenant, String key, double negativeSentiment, List<String> keywords, Instant updatedAt) {
        EscalationEvents.RulesUpdated rules = new EscalationEvents.RulesUpdated(negativeSentiment, 0.7, 0.45, 3, keywords,
                updatedAt.toString());
        EventEnvelope event = new EventEnvelope(Ids.uuidV7(), EventType.ESCALATION_RULES_UPDATED.wireName(), tenant, Instant.now(), tenant,
                EventJson.MAPPER.valueToTree(rules));
        kafka.send(Topics.ESCALATION, key, event.toJson()).join();
    }

    @Test
    void aTenantsOwnThresholdsDecideItsHandOffsWhileAnotherKeepsTheDefaults() {
        String strict = TestTokens.newTenant();
        String standard = TestTokens.newTenant();
        rulesChanged(strict, strict, 0.5, List.of("cancel my subscription"), Instant.now());

        await().atMost(Duration.ofSeconds(20)).until(() -> dryRun(strict, NEUTRAL).get("escalated").asBoolean());
        JsonNode strictNeutral = dryRun(strict, NEUTRAL);
        assertThat(strictNeutral.get("sentiment_score").asDouble()).as("the message is neutral").isBetween(-0.6, 0.5);
        assertThat(strictNeutral.get("escalation_reason").asString()).isEqualTo("negative_sentiment");
        assertThat(dryRun(standard, NEUTRAL).get("escalated").asBoolean()).as("the default threshold is -0.6").isFalse();
        assertThat(dryRun(strict, "Please cancel my subscription today").get("escalation_reason").asString()).isEqualTo("policy_violation");
        assertThat(dryRun(standard, "Please cancel my subscription today").get("escalated").asBoolean()).isFalse();

        // A real turn hands the strict tenant's conversation over.
        HttpApi.Response turn = api(strict).post("/api/query", Map.of("query", NEUTRAL, "session_id", "s-strict", "customer_id", "c-1"));
        assertThat(turn.json().get("escalated").asBoolean()).isTrue();
        PEERS.verify(1, postRequestedFor(urlPathEqualTo("/api/escalation")));
    }

    @Test
    void theRulesAreAskedForOnceAndThenReplacedByANewerChangeButNotAnOlderOne() {
        PEERS.stubFor(get(urlPathEqualTo("/api/escalation/rules")).atPriority(1).willReturn(okJson("{\"negative_sentiment_threshold\": 0.5,"
                + " \"complexity_threshold\": 0.7, \"confidence_threshold\": 0.45, \"repeated_low_confidence_count\": 3,"
                + " \"policy_keywords\": [\"lawsuit\"], \"updated_at\": \"2026-01-01T00:00:00Z\"}")));
        String tenant = TestTokens.newTenant();
        String marker = TestTokens.newTenant();

        assertThat(dryRun(tenant, NEUTRAL).get("escalated").asBoolean()).isTrue();
        assertThat(dryRun(tenant, NEUTRAL).get("escalated").asBoolean()).isTrue();
        PEERS.verify(1, getRequestedFor(urlPathEqualTo("/api/escalation/rules")));

        rulesChanged(tenant, tenant, -0.9, List.of(), Instant.parse("2026-02-01T00:00:00Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !dryRun(tenant, NEUTRAL).get("escalated").asBoolean());

        // An older change arriving late (then a marker on the same partition, to know it was read) changes nothing.
        rulesChanged(tenant, tenant, 0.9, List.of(), Instant.parse("2025-12-01T00:00:00Z"));
        rulesChanged(marker, tenant, 0.9, List.of(), Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> rules.held(marker).isPresent());
        assertThat(rules.held(tenant).orElseThrow().negativeSentiment()).isEqualTo(-0.9);
        assertThat(dryRun(tenant, NEUTRAL).get("escalated").asBoolean()).isFalse();
        PEERS.verify(1, getRequestedFor(urlPathEqualTo("/api/escalation/rules")));
    }
}
