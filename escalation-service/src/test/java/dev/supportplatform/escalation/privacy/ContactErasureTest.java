package dev.supportplatform.escalation.privacy;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class ContactErasureTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;

    private String ticket(HttpApi api, String customer) {
        Map<String, Object> body = new HashMap<>(Map.of("session_id", "s-" + customer, "reason", "manual_request", "priority", "low",
                "customer_id", customer, "additional_context", "Jane Doe, jane@example.com, wants a refund"));
        String id = api.post("/api/escalation", body).json().get("ticket_id").asString();
        api.post("/api/escalation/" + id + "/notes", Map.of("author", "a1", "content", "Called Jane on +1 555 0100"));
        api.post("/api/escalation/" + id + "/messages", Map.of("agent_id", "a1", "content", "Hi Jane, your refund is on its way"));
        api.put("/api/escalation/" + id, Map.of("status", "resolved", "resolution_notes", "Refunded Jane"));
        return id;
    }

    @Test
    void anErasedContactsTicketsLoseTheirPersonalDataAndOthersKeepTheirs() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        String erased = ticket(api, "cust_jane");
        String kept = ticket(api, "cust_john");
        String otherTenant = TestTokens.newTenant();
        String foreign = ticket(HttpApi.at(port).asTenant(otherTenant), "cust_jane");

        EventEnvelope event = EventEnvelope.of(tenant, "contact-1", new CrmEvents.ContactErased("contact-1", List.of("cust_jane")));
        kafka.send(Topics.CRM, "contact-1", event.toJson()).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/escalation/" + erased).json().get("customer_id").isNull());
        JsonNode ticket = api.get("/api/escalation/" + erased + "/details").json();
        assertThat(ticket.get("additional_context").isNull()).isTrue();
        assertThat(ticket.get("resolution_notes").isNull()).isTrue();
        assertThat(ticket.get("status").asString()).as("the ticket itself stays for reporting").isEqualTo("resolved");
        assertThat(api.get("/api/escalation/" + erased + "/notes").json().get("notes")).isEmpty();
        assertThat(api.get("/api/escalation/" + erased + "/messages").json().get("messages")).isEmpty();

        assertThat(api.get("/api/escalation/" + kept).json().get("customer_id").asString()).isEqualTo("cust_john");
        assertThat(api.get("/api/escalation/" + kept + "/notes").json().get("notes")).hasSize(1);
        assertThat(HttpApi.at(port).asTenant(otherTenant).get("/api/escalation/" + foreign).json().get("customer_id").asString())
                .as("the same external id in another tenant is another person").isEqualTo("cust_jane");
    }

    @Test
    void webhookDeliveriesAboutTheContactAreDeleted() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        // An unreachable public-looking target: the rows stay pending, as they would for a receiver that is down.
        String hook = api.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/unreachable", "events", List.of("escalation.created")))
                .json().get("id").asString();
        ticket(api, "cust_gone");
        ticket(api, "cust_stays");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_delivery where subscription_id = ?::uuid", Integer.class, hook) == 2);

        kafka.send(Topics.CRM, "c2", EventEnvelope.of(tenant, "c2", new CrmEvents.ContactErased("c2", List.of("cust_gone"))).toJson()).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_delivery where subscription_id = ?::uuid", Integer.class, hook) == 1);
        assertThat(jdbc.queryForObject("select contact_id from webhook_delivery where subscription_id = ?::uuid", String.class, hook))
                .isEqualTo("cust_stays");
    }
}
