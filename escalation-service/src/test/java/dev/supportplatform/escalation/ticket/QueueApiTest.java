package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class QueueApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String create(HttpApi api, String reason, String priority) {
        HttpApi.Response r = api.post("/api/escalation", TicketApiTest.ticket("sess-" + priority, reason, priority));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("ticket_id").asString();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("tickets").forEach(t -> ids.add(t.get("ticket_id").asString()));
        return ids;
    }

    /** Moves a ticket into the past, as if it had been created {@code minutes} ago. */
    private void age(String tenant, String ticketId, int minutes) {
        jdbc.update("update ticket set created_at = created_at - make_interval(mins => ?), sla_due_at = sla_due_at - make_interval(mins => ?) "
                + "where tenant_id = ? and ticket_id = ?", minutes, minutes, tenant, ticketId);
    }

    @Test
    void theQueueFiltersByStatusPriorityReasonAssigneeAndAgeAndPages() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        String low = create(api, "manual_request", "low");
        String urgent = create(api, "negative_sentiment", "urgent");
        String high = create(api, "policy_violation", "high");
        String medium = create(api, "high_complexity", "medium");
        api.post("/api/escalation/" + high + "/assign", Map.of("agent_id", "agent_1"));
        age(tenant, low, 120);

        assertThat(ids(api.get("/api/escalation/queue").json())).containsExactly(low, urgent, high, medium);
        assertThat(ids(api.get("/api/escalation/queue?status=assigned").json())).containsExactly(high);
        assertThat(ids(api.get("/api/escalation/queue?status=open&priority=urgent,low").json())).containsExactly(low, urgent);
        assertThat(ids(api.get("/api/escalation/queue?reason=high_complexity").json())).containsExactly(medium);
        assertThat(ids(api.get("/api/escalation/queue?assignee=agent_1").json())).containsExactly(high);
        assertThat(ids(api.get("/api/escalation/queue?unassigned=true").json())).containsExactly(low, urgent, medium);
        assertThat(ids(api.get("/api/escalation/queue?min_age_minutes=60").json())).containsExactly(low);
        assertThat(ids(api.get("/api/escalation/queue?max_age_minutes=60").json())).containsExactly(urgent, high, medium);
        assertThat(ids(api.get("/api/escalation/queue?sort=priority").json())).containsExactly(urgent, high, medium, low);

        JsonNode page2 = api.get("/api/escalation/queue?page=2&page_size=3").json();
        assertThat(ids(page2)).containsExactly(medium);
        assertThat(page2.get("total").asLong()).isEqualTo(4);
        assertThat(page2.get("total_pages").asLong()).isEqualTo(2);

        assertThat(HttpApi.at(port).asTenant(TestTokens.newTenant()).get("/api/escalation/queue").json().get("total").asLong())
                .as("another tenant's queue is empty").isZero();
        HttpApi.Response bad = api.get("/api/escalation/queue?status=waiting");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error_type").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(api.get("/api/escalation/queue?page_size=1000").status()).isEqualTo(400);
    }

    @Test
    void aBreachedSlaIsVisibleInTheQueueAndFilterable() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        String late = create(api, "manual_request", "urgent");
        String fresh = create(api, "manual_request", "urgent");
        age(tenant, late, 16);

        JsonNode queue = api.get("/api/escalation/queue").json();
        JsonNode lateItem = queue.get("tickets").get(0);
        assertThat(lateItem.get("ticket_id").asString()).isEqualTo(late);
        assertThat(lateItem.get("sla").get("breached").asBoolean()).isTrue();
        assertThat(lateItem.get("sla").get("target_minutes").asInt()).isEqualTo(15);
        assertThat(lateItem.get("age_minutes").asLong()).isGreaterThanOrEqualTo(16);
        assertThat(queue.get("tickets").get(1).get("sla").get("breached").asBoolean()).isFalse();
        assertThat(ids(api.get("/api/escalation/queue?sla_breached=true").json())).containsExactly(late);
        assertThat(ids(api.get("/api/escalation/queue?sla_breached=false").json())).containsExactly(fresh);

        // A reply inside the target keeps the fresh ticket within SLA for good.
        api.post("/api/escalation/" + fresh + "/messages", Map.of("agent_id", "a", "content", "Hello, I am on it"));
        JsonNode details = api.get("/api/escalation/" + fresh + "/details").json();
        assertThat(details.get("sla").get("first_response_at").isNull()).isFalse();
        assertThat(details.get("sla").get("breached").asBoolean()).isFalse();
    }

    @Test
    void agentsAssignAnnotateReplyResolveAndRecordSatisfaction() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        Map<String, Object> body = TicketApiTest.ticket("sess_9", "manual_request", "high");
        body.put("customer_id", "cust_9");
        body.put("conversation_id", "conv_9");
        String id = api.post("/api/escalation", body).json().get("ticket_id").asString();

        HttpApi.Response early = api.post("/api/escalation/" + id + "/satisfaction", Map.of("rating", 5));
        assertThat(early.status()).isEqualTo(409);

        assertThat(api.post("/api/escalation/" + id + "/assign", Map.of("agent_id", "agent_42")).json().get("status").asString())
                .isEqualTo("assigned");
        HttpApi.Response note = api.post("/api/escalation/" + id + "/notes", Map.of("author", "agent_42", "content", "Checked billing"));
        assertThat(note.status()).as(note.toString()).isEqualTo(200);
        assertThat(api.get("/api/escalation/" + id + "/notes").json().get("notes").get(0).get("content").asString()).isEqualTo("Checked billing");

        HttpApi.Response reply = api.post("/api/escalation/" + id + "/messages", Map.of("agent_id", "agent_42", "content", "I refunded you."));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String messageId = reply.json().get("id").asString();
        JsonNode replied = EventJson.MAPPER.readTree(jdbc.queryForObject(
                "select payload::text from event_outbox where message_key = ? and payload ->> 'type' = 'escalation.agent_replied' "
                        + "and payload ->> 'tenant_id' = ?", String.class, id, tenant));
        JsonNode data = replied.get("data");
        assertThat(data.get("ticket_id").asString()).isEqualTo(id);
        assertThat(data.get("session_id").asString()).isEqualTo("sess_9");
        assertThat(data.get("conversation_id").asString()).isEqualTo("conv_9");
        assertThat(data.get("customer_id").asString()).isEqualTo("cust_9");
        assertThat(data.get("agent_id").asString()).isEqualTo("agent_42");
        assertThat(data.get("message_id").asString()).isEqualTo(messageId);
        assertThat(data.get("content").asString()).isEqualTo("I refunded you.");
        assertThat(api.get("/api/escalation/" + id + "/messages").json().get("messages")).hasSize(1);

        JsonNode resolved = api.post("/api/escalation/" + id + "/resolve", Map.of("resolution_notes", "Refunded")).json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(resolved.get("resolution_notes").asString()).isEqualTo("Refunded");
        assertThat(resolved.get("resolved_at").isNull()).isFalse();

        HttpApi.Response late = api.post("/api/escalation/" + id + "/messages", Map.of("agent_id", "agent_42", "content", "One more thing"));
        assertThat(late.status()).as("no replies once the AI has the conversation back").isEqualTo(409);

        assertThat(api.post("/api/escalation/" + id + "/satisfaction", Map.of("rating", 5)).json().get("customer_satisfaction").asInt())
                .isEqualTo(5);
        assertThat(api.post("/api/escalation/" + id + "/satisfaction", Map.of("rating", 6)).status()).isEqualTo(400);
        assertThat(api.get("/api/escalation/" + id).json().get("customer_satisfaction").asInt()).isEqualTo(5);
        assertThat(api.post("/api/escalation/" + id + "/close", Map.of()).json().get("status").asString()).isEqualTo("closed");
        assertThat(api.post("/api/escalation/" + id + "/assign", Map.of("agent_id", "x")).status()).isEqualTo(409);
        assertThat(api.post("/api/escalation/TKT-1999-000001/notes", Map.of("author", "a", "content", "c")).status()).isEqualTo(404);
    }

    @Test
    void theQueueApiIsDocumentedInTheOpenApiDocument() {
        HttpApi.Response docs = HttpApi.at(port).asTenant(TestTokens.newTenant()).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/escalation/queue")).isTrue();
        assertThat(paths.has("/api/escalation/{ticketId}/messages")).isTrue();
        assertThat(paths.has("/api/escalation/rules")).isTrue();
        assertThat(paths.get("/api/escalation/queue").get("get").get("parameters").toString()).contains("sla_breached", "min_age_minutes");
    }
}
