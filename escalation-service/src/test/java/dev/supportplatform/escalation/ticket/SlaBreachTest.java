package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A missed first-response target becomes one escalation.sla_breached event per ticket, found without any request. */
@ServiceIntegrationTest
class SlaBreachTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SlaBreaches breaches;
    @Autowired
    TransactionTemplate tx;

    private String create(HttpApi api, String priority) {
        HttpApi.Response r = api.post("/api/escalation", Map.of("session_id", "sla-sess", "reason", "manual_request",
                "priority", priority, "customer_id", "cust-sla"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("ticket_id").asString();
    }

    /** Moves the ticket's due time {@code minutes} into the past, as if it had waited that long. */
    private Instant pastDue(String tenant, String ticketId, int minutes) {
        return jdbc.queryForObject("update ticket set sla_due_at = now() - make_interval(mins => ?) where tenant_id = ? and ticket_id = ? "
                + "returning sla_due_at", (rs, i) -> rs.getTimestamp(1).toInstant(), minutes, tenant, ticketId);
    }

    private List<JsonNode> breachEvents(String tenant, String ticketId) {
        return jdbc.queryForList("select payload::text from event_outbox where payload ->> 'tenant_id' = ? and message_key = ? "
                        + "and payload ->> 'type' = 'escalation.sla_breached' order by id", String.class, tenant, ticketId)
                .stream().map(EventJson.MAPPER::readTree).toList();
    }

    private void scansPass() {
        // Several scan intervals (300 ms in tests) go by.
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
    }

    @Test
    void anUnansweredTicketPastItsTargetIsPublishedOnceWithoutAnyRequest() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        String ticket = create(api, "high");
        Instant due = pastDue(tenant, ticket, 5);

        await().atMost(Duration.ofSeconds(10)).until(() -> breachEvents(tenant, ticket).size() == 1);
        scansPass();
        List<JsonNode> events = breachEvents(tenant, ticket);
        assertThat(events).as("at most once per ticket, however many scans run").hasSize(1);
        JsonNode data = events.getFirst().get("data");
        assertThat(data.get("ticket_id").asString()).isEqualTo(ticket);
        assertThat(data.get("priority").asString()).isEqualTo("high");
        assertThat(data.get("customer_id").asString()).isEqualTo("cust-sla");
        assertThat(Instant.parse(data.get("due_at").asString())).isEqualTo(due);
        assertThat(data.get("first_response_at").isNull()).isTrue();
        assertThat(data.get("sla_target_minutes").asInt()).isPositive();

        // Answering it now changes nothing: the breach was recorded.
        api.post("/api/escalation/" + ticket + "/messages", Map.of("agent_id", "a-1", "content", "Sorry for the wait"));
        scansPass();
        assertThat(breachEvents(tenant, ticket)).hasSize(1);
        assertThat(api.get("/api/escalation/" + ticket + "/details").json().get("sla").get("breached").asBoolean()).isTrue();
    }

    @Test
    void aTicketAnsweredInTimeOrATestTicketNeverBreaches() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        String answered = create(api, "urgent");
        api.post("/api/escalation/" + answered + "/messages", Map.of("agent_id", "a-1", "content", "On it"));
        pastDue(tenant, answered, 60);
        HttpApi.Response test = api.post("/api/test/escalation", Map.of("session_id", "sla-test", "reason", "manual_request"));
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        String testTicket = test.json().get("ticket_id").asString();
        pastDue(tenant, testTicket, 60);

        scansPass();
        assertThat(breachEvents(tenant, answered)).isEmpty();
        assertThat(breachEvents(tenant, testTicket)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ticket where tenant_id = ? and sla_breached_at is not null",
                Integer.class, tenant)).isZero();
    }

    @Test
    void aFirstResponseAfterTheDueTimeRecordsTheBreachItselfAndOnlyOnce() {
        String tenant = TestTokens.newTenant();
        String ticket = create(HttpApi.at(port).asTenant(tenant), "low");
        UUID id = jdbc.queryForObject("select id from ticket where tenant_id = ? and ticket_id = ?", UUID.class, tenant, ticket);
        Instant due = jdbc.queryForObject("select sla_due_at from ticket where id = ?", (rs, i) -> rs.getTimestamp(1).toInstant(), id);

        // Not due yet for the scan; answered (as the agent actions call it) an hour after the due time.
        Optional<Instant> first = tx.execute(s -> breaches.onFirstResponse(id, due.plus(Duration.ofHours(1))));
        Optional<Instant> again = tx.execute(s -> breaches.onFirstResponse(id, due.plus(Duration.ofHours(2))));
        Optional<Instant> inTime = tx.execute(s -> breaches.onFirstResponse(id, due.minusSeconds(1)));

        assertThat(first).contains(due);
        assertThat(again).isEmpty();
        assertThat(inTime).isEmpty();
        assertThat(breachEvents(tenant, ticket)).hasSize(1);
    }

    @Test
    void concurrentScansAndALateReplyPublishEachBreachOnce() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tickets.add(create(api, "medium"));
        }
        tickets.forEach(t -> pastDue(tenant, t, 1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> work = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                work.add(() -> breaches.scan());
            }
            work.add(() -> api.post("/api/escalation/" + tickets.getFirst() + "/messages", Map.of("agent_id", "a", "content", "late")));
            for (Future<Object> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        scansPass();
        for (String t : tickets) {
            assertThat(breachEvents(tenant, t)).as(t).hasSize(1);
        }
    }
}
