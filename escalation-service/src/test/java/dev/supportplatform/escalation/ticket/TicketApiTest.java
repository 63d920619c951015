package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class TicketApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private HttpApi api(String tenant) {
        return HttpApi.at(port).asTenant(tenant);
    }

    static Map<String, Object> ticket(String session, String reason, String priority) {
        Map<String, Object> body = new HashMap<>();
        body.put("session_id", session);
        body.put("reason", reason);
        body.put("priority", priority);
        return body;
    }

    private JsonNode create(HttpApi api, Map<String, Object> body) {
        HttpApi.Response r = api.post("/api/escalation", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private List<JsonNode> outbox(String tenant, String ticketId) {
        return jdbc.queryForList("select payload::text from event_outbox where payload ->> 'tenant_id' = ? and message_key = ? order by id",
                String.class, tenant, ticketId).stream().map(dev.supportplatform.common.events.EventJson.MAPPER::readTree).toList();
    }

    @Test
    void creatingATicketAnswersInSupportShapeWithAnIdAndTheDefaultSlaEstimate() {
        String tenant = TestTokens.newTenant();
        Map<String, Object> body = ticket("sess_abc123", "negative_sentiment", "high");
        body.put("customer_sentiment", -0.6);
        body.put("query_complexity", 0.4);
        body.put("additional_context", "very frustrated");
        body.put("customer_id", "cust_xyz789");
        body.put("conversation_id", "conv_1");
        JsonNode t = create(api(tenant), body);

        assertThat(t.propertyNames()).containsExactlyInAnyOrder("ticket_id", "session_id", "priority", "status", "created_at",
                "estimated_response_time", "assigned_agent");
        assertThat(t.get("ticket_id").asString()).isEqualTo("TKT-" + Year.now(java.time.ZoneOffset.UTC) + "-000001");
        assertThat(t.get("session_id").asString()).isEqualTo("sess_abc123");
        assertThat(t.get("priority").asString()).isEqualTo("high");
        assertThat(t.get("status").asString()).isEqualTo("open");
        assertThat(t.get("estimated_response_time").asString()).isEqualTo("1 hour");
        assertThat(t.get("assigned_agent").isNull()).isTrue();
        assertThat(t.get("created_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

        JsonNode detail = api(tenant).get("/api/escalation/" + t.get("ticket_id").asString()).json();
        assertThat(detail.propertyNames()).containsExactlyInAnyOrder("ticket_id", "session_id", "customer_id", "reason", "priority",
                "status", "created_at", "updated_at", "assigned_agent", "resolution_notes", "customer_satisfaction");
        assertThat(detail.get("customer_id").asString()).isEqualTo("cust_xyz789");
        assertThat(detail.get("reason").asString()).isEqualTo("negative_sentiment");

        List<JsonNode> events = outbox(tenant, t.get("ticket_id").asString());
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("type").asString()).isEqualTo("escalation.created");
        JsonNode data = events.getFirst().get("data");
        assertThat(data.get("session_id").asString()).isEqualTo("sess_abc123");
        assertThat(data.get("conversation_id").asString()).isEqualTo("conv_1");
        assertThat(data.get("customer_id").asString()).isEqualTo("cust_xyz789");
        assertThat(data.get("priority").asString()).isEqualTo("high");
        assertThat(data.get("reason").asString()).isEqualTo("negative_sentiment");
    }

    @Test
    void ticketNumbersAreSequentialPerTenantAndUniqueUnderConcurrency() throws Exception {
        String tenant = TestTokens.newTenant();
        String other = TestTokens.newTenant();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            calls.add(() -> create(api(tenant), ticket("s" + n, "manual_request", "low")).get("ticket_id").asString());
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(calls)) {
            ids.add(f.get());
        }
        pool.shutdown();

        String year = Year.now(java.time.ZoneOffset.UTC).toString();
        assertThat(Set.copyOf(ids)).hasSize(20);
        assertThat(ids).allMatch(id -> id.matches("TKT-" + year + "-0000[0-2]\\d"));
        assertThat(ids).contains("TKT-" + year + "-000001", "TKT-" + year + "-000020");
        assertThat(create(api(other), ticket("s", "manual_request", "low")).get("ticket_id").asString())
                .as("another tenant has its own sequence").isEqualTo("TKT-" + year + "-000001");
    }

    @Test
    void configuredSlaTargetsSetTheEstimatedResponseTime() {
        String tenant = TestTokens.newTenant();
        assertThat(api(tenant).get("/api/escalation/sla-targets").json().get("response_minutes").get("urgent").asInt()).isEqualTo(15);
        assertThat(create(api(tenant), ticket("s", "manual_request", "medium")).get("estimated_response_time").asString()).isEqualTo("4 hours");

        HttpApi.Response put = api(tenant).put("/api/escalation/sla-targets", Map.of("response_minutes", Map.of("medium", 30, "urgent", 5)));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("configured").asBoolean()).isTrue();

        assertThat(create(api(tenant), ticket("s", "manual_request", "medium")).get("estimated_response_time").asString()).isEqualTo("30 minutes");
        assertThat(create(api(tenant), ticket("s", "manual_request", "urgent")).get("estimated_response_time").asString()).isEqualTo("5 minutes");
        assertThat(create(api(tenant), ticket("s", "manual_request", "low")).get("estimated_response_time").asString()).isEqualTo("24 hours");
        assertThat(create(api(TestTokens.newTenant()), ticket("s", "manual_request", "medium")).get("estimated_response_time").asString())
                .as("other tenants keep the defaults").isEqualTo("4 hours");
    }

    @Test
    void invalidInputAnswers400InSupportErrorShape() {
        HttpApi api = api(TestTokens.newTenant());
        HttpApi.Response badReason = api.post("/api/escalation", ticket("s", "bored", "high"));
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.json().get("error").asBoolean()).isTrue();
        assertThat(badReason.json().get("error_type").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(badReason.json().get("message").asString()).contains("reason");
        assertThat(badReason.json().get("request_id").asString()).isNotBlank();

        assertThat(api.post("/api/escalation", ticket("s", "manual_request", "critical")).status()).isEqualTo(400);
        assertThat(api.post("/api/escalation", Map.of("reason", "manual_request", "priority", "low")).json().get("message").asString())
                .contains("session_id");
        Map<String, Object> sentiment = ticket("s", "manual_request", "low");
        sentiment.put("customer_sentiment", 3.0);
        assertThat(api.post("/api/escalation", sentiment).status()).isEqualTo(400);
    }

    @Test
    void anotherTenantsTicketIsNotFound() {
        String tenant = TestTokens.newTenant();
        String id = create(api(tenant), ticket("s", "manual_request", "low")).get("ticket_id").asString();
        HttpApi.Response r = api(TestTokens.newTenant()).get("/api/escalation/" + id);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error_type").asString()).isEqualTo("NOT_FOUND_ERROR");
        assertThat(api(TestTokens.newTenant()).put("/api/escalation/" + id, Map.of("status", "closed")).status()).isEqualTo(404);
    }

    @Test
    void theLifecycleMovesForwardAndPublishesUpdatesAndRefusesIllegalTransitionsWith409() {
        String tenant = TestTokens.newTenant();
        HttpApi api = api(tenant);
        String id = create(api, ticket("s1", "high_complexity", "medium")).get("ticket_id").asString();

        HttpApi.Response early = api.put("/api/escalation/" + id, Map.of("customer_satisfaction", 5));
        assertThat(early.status()).as("satisfaction before resolution").isEqualTo(409);

        JsonNode assigned = api.put("/api/escalation/" + id, Map.of("assigned_agent", "agent_7")).json();
        assertThat(assigned.get("status").asString()).isEqualTo("assigned");
        assertThat(assigned.get("assigned_agent").asString()).isEqualTo("agent_7");

        JsonNode resolved = api.put("/api/escalation/" + id, Map.of("status", "resolved", "resolution_notes", "Reset the account",
                "customer_satisfaction", 4)).json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(resolved.get("resolution_notes").asString()).isEqualTo("Reset the account");
        assertThat(resolved.get("customer_satisfaction").asInt()).isEqualTo(4);

        HttpApi.Response backToAssigned = api.put("/api/escalation/" + id, Map.of("status", "assigned", "assigned_agent", "agent_8"));
        assertThat(backToAssigned.status()).isEqualTo(409);
        assertThat(backToAssigned.json().get("error").asBoolean()).isTrue();
        assertThat(backToAssigned.json().get("message").asString()).isEqualTo("Illegal status transition from resolved to assigned");

        assertThat(api.put("/api/escalation/" + id, Map.of("status", "closed")).json().get("status").asString()).isEqualTo("closed");
        HttpApi.Response reopen = api.put("/api/escalation/" + id, Map.of("status", "open"));
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.json().get("details").asString()).contains("closed is final");
        assertThat(api.put("/api/escalation/" + id, Map.of("status", "pending")).status()).isEqualTo(400);

        List<JsonNode> events = outbox(tenant, id);
        assertThat(events).extracting(e -> e.get("type").asString())
                .containsExactly("escalation.created", "escalation.updated", "escalation.updated", "escalation.updated");
        assertThat(events).extracting(e -> e.get("data").get("status") == null ? null : e.get("data").get("status").asString())
                .containsExactly(null, "assigned", "resolved", "closed");
        assertThat(events.get(2).get("data").get("customer_satisfaction").asInt()).isEqualTo(4);
        assertThat(events.get(1).get("data").get("assigned_agent").asString()).isEqualTo("agent_7");
    }

    @Test
    void assigningWithoutAnAgentIsRejectedAndReleasingClearsTheAgent() {
        HttpApi api = api(TestTokens.newTenant());
        String id = create(api, ticket("s1", "manual_request", "low")).get("ticket_id").asString();
        assertThat(api.put("/api/escalation/" + id, Map.of("status", "assigned")).status()).isEqualTo(400);
        api.put("/api/escalation/" + id, Map.of("assigned_agent", "a1"));
        JsonNode released = api.put("/api/escalation/" + id, Map.of("status", "open")).json();
        assertThat(released.get("status").asString()).isEqualTo("open");
        assertThat(released.get("assigned_agent").isNull()).isTrue();

        api.put("/api/escalation/" + id, Map.of("assigned_agent", "a2", "status", "resolved"));
        JsonNode reopened = api.put("/api/escalation/" + id, Map.of("status", "open")).json();
        assertThat(reopened.get("status").asString()).isEqualTo("open");
        assertThat(reopened.get("assigned_agent").isNull()).as("a reopened ticket goes back to the queue").isTrue();
        assertThat(api.put("/api/escalation/" + id, Map.of("status", "open", "assigned_agent", "a3")).status()).isEqualTo(400);
    }

    @Test
    void aTestEscalationCreatesATicketWithoutPublishingEvents() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response r = api(tenant).post("/api/test/escalation", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String id = r.json().get("ticket_id").asString();
        assertThat(r.json().get("priority").asString()).isEqualTo("medium");
        assertThat(api(tenant).get("/api/escalation/" + id).json().get("reason").asString()).isEqualTo("manual_request");
        assertThat(outbox(tenant, id)).isEmpty();

        HttpApi.Response noBody = api(tenant).postRaw("/api/test/escalation", "application/json", "");
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(200);
    }
}
