package dev.supportplatform.e2e;

import dev.supportplatform.common.test.HttpApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** issue 9 across services: a tenant's escalation rules decide chat's hand-offs; a missed SLA is counted by analytics. */
@ExtendWith(E2ePlatform.Resolver.class)
class EscalationIT {

    private static E2ePlatform platform;

    @BeforeAll
    static void platform(E2ePlatform running) {
        platform = running;
    }

    private static String newTenant() {
        return E2ePlatform.randomTenantId("esc");
    }

    private static HttpApi api(String tenant) {
        return HttpApi.at(platform.gatewayUrl()).withHeader("X-API-Key", platform.rootKey).withHeader("X-Tenant-Id", tenant);
    }

    private static JsonNode ok(HttpApi.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response.json();
    }

    @Test
    void rulesChangedThroughTheEscalationApiDecideTheTenantsNextTurns() {
        String strict = newTenant();
        String standard = newTenant();
        // A neutral question: escalated as negative_sentiment only where everything at or below 0.5 counts as negative.
        String question = "What are your opening hours on Saturdays?";
        assertThat(ok(api(strict).post("/api/query", Map.of("query", question, "session_id", "s1-" + strict, "customer_id", "c")))
                .get("escalated").asBoolean()).as("the defaults first").isFalse();

        ok(api(strict).put("/api/escalation/rules", Map.of("negative_sentiment_threshold", 0.5, "policy_keywords", List.of("cancel my plan"))));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> ok(api(strict).post("/api/test/query",
                Map.of("query", question))).get("escalated").asBoolean());
        JsonNode turn = ok(api(strict).post("/api/query", Map.of("query", question, "session_id", "s2-" + strict, "customer_id", "c")));
        assertThat(turn.get("escalated").asBoolean()).isTrue();
        assertThat(turn.get("escalation_reason").asString()).isEqualTo("negative_sentiment");
        assertThat(turn.get("ticket_id").asString()).startsWith("TKT-");
        assertThat(ok(api(strict).post("/api/test/query", Map.of("query", "Please cancel my plan"))).get("escalation_reason").asString())
                .isEqualTo("policy_violation");
        assertThat(ok(api(standard).post("/api/query", Map.of("query", question, "session_id", "s3-" + standard, "customer_id", "c")))
                .get("escalated").asBoolean()).as("another tenant keeps the defaults").isFalse();
    }

    @Test
    void aTicketThatMissesItsFirstResponseTargetIsCountedByAnalyticsWithoutAnyRequest() throws Exception {
        String tenant = newTenant();
        String ticket = ok(api(tenant).post("/api/escalation", Map.of("session_id", "sla-" + tenant, "reason", "manual_request",
                "priority", "urgent", "customer_id", "cust-sla"))).get("ticket_id").asString();
        // As if the ticket had waited an hour: its 15-minute target passed unanswered.
        try (Connection db = DriverManager.getConnection(platform.platform.jdbcUrl(), "postgres", "");
             PreparedStatement ps = db.prepareStatement("update escalation.ticket set created_at = created_at - interval '1 hour', "
                     + "sla_due_at = sla_due_at - interval '1 hour' where tenant_id = ? and ticket_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, ticket);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                ok(api(tenant).get("/api/metrics?timeframe=day")).get("sla_breaches").asLong() == 1);
        assertThat(ok(api(tenant).get("/api/status")).get("sla_breached_tickets").asLong()).isEqualTo(1);
        assertThat(ok(api(tenant).get("/api/escalation/queue?sla_breached=true")).get("tickets").get(0).get("ticket_id").asString())
                .isEqualTo(ticket);
    }
}
