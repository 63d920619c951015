package dev.supportplatform.analytics;

import dev.supportplatform.analytics.rebuild.RebuildService;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.supportplatform.analytics.AnalyticsEndpointsTest.processed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Wiping a tenant's analytics and replaying the topics from offset 0 gives every figure back unchanged. */
@ServiceIntegrationTest
class RebuildFromTopicsTest {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RebuildService rebuild;

    private Map<String, JsonNode> everyFigure(String tenant, Scenario scenario) {
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        HttpApi admin = HttpApi.at(port).withHeader(PlatformHeaders.INTERNAL_TOKEN, TestTokens.adminOf(tenant));
        LocalDate first = LocalDate.ofInstant(scenario.tA, ZoneOffset.UTC).minusDays(1);
        LocalDate last = LocalDate.ofInstant(scenario.tB, ZoneOffset.UTC);
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        for (String path : List.of("/admin/analytics/system", "/admin/analytics/user/user-1", "/admin/analytics/user/user-2",
                "/api/metrics?timeframe=month", "/api/metrics/session/sess-A", "/api/metrics/session/sess-B", "/api/status",
                "/v1/analytics/overview?start_date=" + first + "&end_date=" + last, "/v1/analytics/tokens", "/v1/analytics/tools", "/v1/analytics/sessions", "/v1/analytics/ingestion",
                "/api/v1/analytics?start_date=" + first + "&end_date=" + last + "&metrics=conversations,ai_resolved,escalated,resolution_rate,"
                        + "escalation_rate,avg_response_time,customer_satisfaction,messages,tokens,cost,cache_hit_rate,sla_breaches",
                "/chat/analytics/dashboard")) {
            HttpApi.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            figures.put(path, withoutClockFields(r.json()));
        }
        figures.put("/chat/analytics/global", withoutClockFields(admin.get("/chat/analytics/global").json()));
        return figures;
    }

    /** The envelope's timing and the uptime change between two reads; nothing else may. */
    private static JsonNode withoutClockFields(JsonNode body) {
        if (body instanceof ObjectNode object) {
            object.remove("metadata");
            if (object.get("data") instanceof ObjectNode data && data.get("performance_metrics") instanceof ObjectNode performance) {
                performance.remove("uptime_percentage");
            }
        }
        return body;
    }

    @Test
    void wipingTheTenantAndReplayingTheTopicsFromTheStartGivesTheSameFigures() {
        String tenant = TestTokens.newTenant();
        Scenario scenario = new Scenario(Instant.now());
        Events events = new Events(kafka, tenant);
        scenario.send(events);
        // An erasure in the history too: on replay the crm topic may be read before the chat topic.
        events.send("c-3", scenario.tA, new CrmEvents.ContactCreated("c-3", "user-3"));
        events.send("uuid-C", scenario.tA.plusSeconds(5), new ChatEvents.ConversationCreated("sess-C", "user-3", "api", "Private"));
        events.send("uuid-C", scenario.tA.plusSeconds(6), new ChatEvents.MessageReceived("sess-C", "m-c", "user-3", "api", "hi"));
        events.send("c-3", scenario.tA.plusSeconds(30), new CrmEvents.ContactErased("c-3", List.of("user-3")));
        int total = Scenario.EVENTS + 4;
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(jdbc, tenant) == total);
        Map<String, JsonNode> before = everyFigure(tenant, scenario);
        assertThat(before.get("/v1/analytics/sessions").get("total_sessions").asLong()).isEqualTo(3);

        rebuild.wipe(tenant);
        assertThat(HttpApi.at(port).asTenant(tenant).get("/v1/analytics/overview").json().get("total_sessions").asLong())
                .as("the wipe removed the figures").isZero();
        RebuildService.Result result = rebuild.rebuild(tenant);

        assertThat(result.tenantEvents()).isEqualTo(total);
        assertThat(result.applied()).isEqualTo(total);
        Map<String, JsonNode> after = everyFigure(tenant, scenario);
        for (String path : before.keySet()) {
            assertThat(after.get(path)).as(path).isEqualTo(before.get(path));
        }
        assertThat(jdbc.queryForObject("select count(*) from conversation_fact where tenant_id = ? and contact_id = 'user-3'", Integer.class, tenant))
                .as("the erasure holds after the replay").isZero();
    }

    @Test
    void anErasureStillHoldsAfterARebuildWhenItsEventIsNoLongerOnTheTopics() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        Instant at = Instant.now().minusSeconds(120);
        events.send("uuid-G", at, new ChatEvents.ConversationCreated("sess-G", "gone-user", "api", "Gone's private title"));
        events.send("uuid-G", at.plusSeconds(1), new ChatEvents.MessageReceived("sess-G", "m-g", "gone-user", "api", "hi"));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(jdbc, tenant) == 2);
        // The state after an erasure whose contact.erased has since left the topic (retention): only the tombstone.
        jdbc.update("insert into erased_contact (tenant_id, id_hash, pseudonym) values (?, encode(sha256(convert_to(?, 'UTF8')), 'hex'), ?)",
                tenant, "gone-user", "erased-test");

        rebuild.rebuild(tenant);

        assertThat(jdbc.queryForObject("select count(*) from conversation_fact where tenant_id = ? and (contact_id = 'gone-user' "
                + "or title is not null)", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from message_fact where tenant_id = ? and contact_id = 'erased-test'",
                Integer.class, tenant)).as("replayed under the pseudonym").isEqualTo(1);
    }

    @Test
    void theRebuildIsAlsoAnAdminOperation() {
        String tenant = TestTokens.newTenant();
        new Events(kafka, tenant).send("uuid-R", Instant.now(), new ChatEvents.ConversationCreated("sess-R", "u", "api", "t"));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(jdbc, tenant) == 1);
        HttpApi.Response r = HttpApi.at(port).withHeader(PlatformHeaders.INTERNAL_TOKEN, TestTokens.adminOf(tenant))
                .post("/admin/analytics/rebuild", "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("data").get("tenant_events").asLong()).isEqualTo(1);
        assertThat(HttpApi.at(port).asTenant(tenant).get("/v1/analytics/overview").json().get("total_sessions").asLong()).isEqualTo(1);
    }
}
