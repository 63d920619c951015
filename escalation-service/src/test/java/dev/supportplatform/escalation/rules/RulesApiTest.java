package dev.supportplatform.escalation.rules;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.supportplatform.common.events.EventJson;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class RulesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTenantWithoutRulesGetsTheDefaultsAndCanChangeThemPartially() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        JsonNode defaults = api.get("/api/escalation/rules").json();
        assertThat(defaults.get("negative_sentiment_threshold").asDouble()).isEqualTo(-0.5);
        assertThat(defaults.get("confidence_threshold").asDouble()).isEqualTo(0.45);
        assertThat(defaults.get("updated_at").isNull()).isTrue();

        HttpApi.Response put = api.put("/api/escalation/rules", Map.of("complexity_threshold", 0.6, "policy_keywords", List.of("lawsuit", "fraud")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        JsonNode rules = api.get("/api/escalation/rules").json();
        assertThat(rules.get("complexity_threshold").asDouble()).isEqualTo(0.6);
        assertThat(rules.get("negative_sentiment_threshold").asDouble()).as("unchanged").isEqualTo(-0.5);
        assertThat(rules.get("repeated_low_confidence_count").asInt()).isEqualTo(3);
        assertThat(rules.get("policy_keywords").toString()).isEqualTo("[\"lawsuit\",\"fraud\"]");
        assertThat(rules.get("updated_at").isNull()).isFalse();

        assertThat(HttpApi.at(port).asTenant(TestTokens.newTenant()).get("/api/escalation/rules").json().get("complexity_threshold").asDouble())
                .as("other tenants keep the defaults").isEqualTo(0.7);

        List<Map<String, Object>> published = jdbc.queryForList("select message_key, payload::text as payload from event_outbox "
                + "where payload ->> 'tenant_id' = ? and payload ->> 'type' = 'escalation.rules_updated'", tenant);
        assertThat(published).as("the change goes out for chat-service's copy").hasSize(1);
        assertThat(published.getFirst().get("message_key")).isEqualTo(tenant);
        JsonNode data = EventJson.MAPPER.readTree((String) published.getFirst().get("payload")).get("data");
        assertThat(data.get("complexity_threshold").asDouble()).isEqualTo(0.6);
        assertThat(data.get("negative_sentiment_threshold").asDouble()).as("the full set, not only the change").isEqualTo(-0.5);
        assertThat(data.get("policy_keywords").toString()).isEqualTo("[\"lawsuit\",\"fraud\"]");
    }

    @Test
    void outOfRangeThresholdsAreRejected() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        HttpApi.Response r = api.put("/api/escalation/rules", Map.of("confidence_threshold", 1.5));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error_type").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(api.put("/api/escalation/rules", Map.of("repeated_low_confidence_count", 0)).status()).isEqualTo(400);
        assertThat(api.put("/api/escalation/rules", Map.of("policy_keywords", List.of(" "))).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where payload ->> 'type' = 'escalation.rules_updated' "
                + "and payload ->> 'tenant_id' = ?", Integer.class, tenant)).as("nothing published").isZero();
    }
}
