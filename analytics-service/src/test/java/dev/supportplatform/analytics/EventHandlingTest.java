package dev.supportplatform.analytics;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.events.payload.EscalationEvents;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.supportplatform.analytics.AnalyticsEndpointsTest.processed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Duplicates, late and out-of-order events, poison records, erasure and time zones. */
@ServiceIntegrationTest
class EventHandlingTest {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    private JsonNode get(String tenant, String path) {
        HttpApi.Response response = HttpApi.at(port).asTenant(tenant).get(path);
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
        return response.json();
    }

    private void awaitProcessed(String tenant, int events) {
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(jdbc, tenant) == events);
    }

    private static ChatEvents.MessageAnswered answer(String conversation, String messageId, String model, double cost) {
        return new ChatEvents.MessageAnswered(conversation, messageId, "u-1", "ai", "support", model, 10, 5, cost, 100, false,
                0.9, 0.1, 0.1, "faq", 0);
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        Instant at = Instant.now().minus(5, ChronoUnit.MINUTES);
        EventEnvelope created = events.send("c1", at, new ChatEvents.ConversationCreated("s1", "u-1", "api", "t"));
        EventEnvelope received = events.send("c1", at.plusSeconds(1), new ChatEvents.MessageReceived("s1", "m1", "u-1", "api", "hi"));
        EventEnvelope answered = events.send("c1", at.plusSeconds(2), answer("s1", "a1", "gpt-x", 0.01));
        events.resend(created);
        events.resend(received);
        events.resend(answered);
        events.resend(answered);
        // A marker after the duplicates: once it is in, every duplicate before it on the partition was seen.
        events.send("c1", at.plusSeconds(3), new ChatEvents.MessageReceived("s1", "m2", "u-1", "api", "again"));
        awaitProcessed(tenant, 4);

        JsonNode metrics = get(tenant, "/api/metrics");
        assertThat(metrics.get("total_queries").asLong()).isEqualTo(2);
        assertThat(metrics.get("model_usage").get("gpt-x").asLong()).isEqualTo(1);
        assertThat(metrics.get("cost_metrics").get("total_cost").asDouble()).isEqualTo(0.01);
        JsonNode overview = get(tenant, "/v1/analytics/overview");
        assertThat(overview.get("total_sessions").asLong()).isEqualTo(1);
        assertThat(overview.get("total_messages").asLong()).isEqualTo(3);
        assertThat(get(tenant, "/api/metrics/session/s1").get("total_messages").asLong()).isEqualTo(3);
    }

    @Test
    void aLateEventLandsInTheDayItHappenedAndATicketBeforeItsConversationStillEscalatesIt() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        Instant now = Instant.now();
        Instant old = Instant.parse("2026-01-10T12:00:00Z");
        // The ticket (escalation topic) arrives before the conversation it names (chat topic).
        events.send("TKT-9", old.plusSeconds(60), new EscalationEvents.EscalationCreated("TKT-9", "late-s", "late-s", "u-1", "high", "policy"));
        events.send("c-late", old, new ChatEvents.ConversationCreated("late-s", "u-1", "api", "late"));
        events.send("c-late", old.plusSeconds(5), answer("late-s", "a-late", "gpt-x", 0.5));
        events.send("c-now", now.minusSeconds(60), new ChatEvents.ConversationCreated("now-s", "u-1", "api", "now"));
        awaitProcessed(tenant, 4);

        JsonNode jan = get(tenant, "/api/v1/analytics?start_date=2026-01-09&end_date=2026-01-11&metrics=conversations,escalated,total_cost");
        assertThat(jan.get("metrics").get("total_conversations").asLong()).isEqualTo(1);
        assertThat(jan.get("metrics").get("escalated").asLong()).isEqualTo(1);
        assertThat(jan.get("metrics").get("total_cost").asDouble()).isEqualTo(0.5);
        JsonNode days = jan.get("daily_breakdown");
        assertThat(days.size()).isEqualTo(3);
        assertThat(days.get(1).get("date").asString()).isEqualTo("2026-01-10");
        assertThat(days.get(1).get("conversations").asLong()).isEqualTo(1);
        assertThat(days.get(1).get("escalated").asLong()).isEqualTo(1);
        assertThat(days.get(0).get("conversations").asLong()).isZero();
        assertThat(get(tenant, "/api/metrics/session/late-s").get("escalated").asBoolean()).isTrue();

        JsonNode recent = get(tenant, "/api/metrics?timeframe=day");
        assertThat(recent.get("escalation_rate").asDouble()).as("the late conversation is not in today's figures").isZero();
        assertThat(recent.get("cost_metrics").get("total_cost").asDouble()).isZero();
    }

    @Test
    void daysFollowTheTenantsTimeZone() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        events.send("c-tz", Instant.parse("2026-01-10T20:00:00Z"), new ChatEvents.ConversationCreated("tz-s", "u-1", "api", "tz"));
        awaitProcessed(tenant, 1);
        String path = "/api/v1/analytics?start_date=2026-01-09&end_date=2026-01-12&metrics=conversations";

        assertThat(dayWithConversation(get(tenant, path))).isEqualTo("2026-01-10");
        HttpApi.Response set = HttpApi.at(port).asTenant(tenant).put("/api/v1/analytics/settings", Map.of("time_zone", "Pacific/Kiritimati"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("time_zone").asString()).isEqualTo("Pacific/Kiritimati");
        assertThat(get(tenant, "/api/v1/analytics/settings").get("time_zone").asString()).isEqualTo("Pacific/Kiritimati");
        assertThat(dayWithConversation(get(tenant, path))).as("20:00 UTC is 10:00 the next day at UTC+14").isEqualTo("2026-01-11");

        HttpApi.Response bad = HttpApi.at(port).asTenant(tenant).put("/api/v1/analytics/settings", Map.of("time_zone", "Mars/Olympus"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("code").asString()).isEqualTo("invalid_request");
    }

    @Test
    void anSlaBreachCountsOnceInTheLocalDayItsResponseWasDue() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        HttpApi.at(port).asTenant(tenant).put("/api/v1/analytics/settings", Map.of("time_zone", "America/New_York"));
        Instant created = Instant.parse("2026-01-11T03:00:00Z");
        events.send("TKT-7", created, new EscalationEvents.EscalationCreated("TKT-7", "sla-s", "sla-s", "u-1", "urgent", "policy_violation"));
        // Due 04:00 UTC, i.e. 23:00 on the 10th in New York; the scan noticed it an hour later, and a second notice
        // (another event id, as a replayed scan would send) must not count twice.
        EscalationEvents.SlaBreached breach = new EscalationEvents.SlaBreached("TKT-7", "sla-s", "sla-s", "u-1", "urgent",
                "policy_violation", 60, "2026-01-11T04:00:00Z", null);
        events.send("TKT-7", Instant.parse("2026-01-11T05:00:00Z"), breach);
        events.send("TKT-7", Instant.parse("2026-01-11T05:01:00Z"), breach);
        awaitProcessed(tenant, 3);

        JsonNode body = get(tenant, "/api/v1/analytics?start_date=2026-01-10&end_date=2026-01-11&metrics=sla_breaches");
        assertThat(body.get("metrics").get("sla_breaches").asLong()).isEqualTo(1);
        assertThat(body.get("daily_breakdown").get(0).get("date").asString()).isEqualTo("2026-01-10");
        assertThat(body.get("daily_breakdown").get(0).get("sla_breaches").asLong()).isEqualTo(1);
        assertThat(body.get("daily_breakdown").get(1).get("sla_breaches").asLong()).isZero();
        assertThat(get(tenant, "/api/status").get("sla_breached_tickets").asLong()).as("still open").isEqualTo(1);

        events.send("TKT-7", Instant.parse("2026-01-11T06:00:00Z"), new EscalationEvents.EscalationUpdated("TKT-7", "sla-s", "sla-s",
                "u-1", "resolved", "agent-1", null));
        awaitProcessed(tenant, 4);
        assertThat(get(tenant, "/api/status").get("sla_breached_tickets").asLong()).isZero();
        assertThat(get(tenant, "/api/v1/analytics?start_date=2026-01-10&end_date=2026-01-11&metrics=sla_breaches")
                .get("metrics").get("sla_breaches").asLong()).as("a breach stays counted after resolution").isEqualTo(1);
    }

    @Test
    void retrievalTimeIsAveragedOverTheAnswersForWhichASearchRan() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        Instant at = Instant.now().minus(5, ChronoUnit.MINUTES);
        events.send("c-r", at, new ChatEvents.MessageAnswered("r-s", "ra1", "u-1", "ai", "support", "m", 1, 1, 0, 100, false,
                0.9, 0, 0, "question", 3, 30L));
        events.send("c-r", at.plusSeconds(1), new ChatEvents.MessageAnswered("r-s", "ra2", "u-1", "ai", "support", "m", 1, 1, 0, 100, false,
                0.9, 0, 0, "question", 3, 50L));
        events.send("c-r", at.plusSeconds(2), new ChatEvents.MessageAnswered("r-s", "ra3", "u-1", "ai", "support", "m", 0, 0, 0, 5, true,
                0.9, 0, 0, "question", 3, null));
        awaitProcessed(tenant, 3);
        assertThat(get(tenant, "/admin/analytics/system").get("data").get("document_metrics").get("avg_retrieval_time").asDouble())
                .isEqualTo(0.04);

        String quiet = TestTokens.newTenant();
        new Events(kafka, quiet).send("c-q", at, new ChatEvents.ConversationCreated("q-s", "u-1", "api", "t"));
        awaitProcessed(quiet, 1);
        assertThat(get(quiet, "/admin/analytics/system").get("data").get("document_metrics").get("avg_retrieval_time").isNull())
                .as("no search ran: no average").isTrue();
    }

    private static String dayWithConversation(JsonNode body) {
        for (JsonNode day : body.get("daily_breakdown")) {
            if (day.get("conversations").asLong() > 0) {
                return day.get("date").asString();
            }
        }
        return null;
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicAndTheEventsAfterItAreApplied() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        events.raw(Topics.CHAT, "poison", "{not json");
        events.raw(Topics.CHAT, "poison", "{\"event_id\":\"0190d5a0-0000-7000-8000-000000000000\",\"type\":\"message.received\"}");
        events.send("poison", Instant.now(), new ChatEvents.ConversationCreated("after-poison", "u-1", "api", "t"));
        awaitProcessed(tenant, 1);
        assertThat(get(tenant, "/v1/analytics/overview").get("total_sessions").asLong()).isEqualTo(1);
    }

    @Test
    void anErasedContactIsAnonymisedAndStaysSoForEventsThatArriveLater() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES);
        events.send("k-1", at, new CrmEvents.ContactCreated("k-1", "erase-me"));
        events.send("c-e", at, new ChatEvents.ConversationCreated("e-s", "erase-me", "api", "My private title"));
        events.send("c-e", at.plusSeconds(1), new ChatEvents.MessageReceived("e-s", "em1", "erase-me", "api", "hi"));
        awaitProcessed(tenant, 3);
        assertThat(HttpApi.at(port).asTenant(tenant).get("/admin/analytics/user/erase-me").status()).isEqualTo(200);

        events.send("k-1", at.plusSeconds(60), new CrmEvents.ContactErased("k-1", List.of("erase-me")));
        // Late: an event about the erased contact sent after the erasure was processed.
        awaitProcessed(tenant, 4);
        events.send("c-e", at.plusSeconds(2), new ChatEvents.MessageReceived("e-s", "em2", "erase-me", "api", "late"));
        awaitProcessed(tenant, 5);

        HttpApi.Response user = HttpApi.at(port).asTenant(tenant).get("/admin/analytics/user/erase-me");
        assertThat(user.status()).isEqualTo(404);
        assertThat(user.json().get("success").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from message_fact where tenant_id = ? and contact_id = 'erase-me'", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from contact_fact where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from conversation_fact where tenant_id = ? and (contact_id = 'erase-me' or title is not null)",
                Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from erased_contact where tenant_id = ? and id_hash like '%erase-me%'", Integer.class, tenant))
                .as("only hashes are kept").isZero();
        JsonNode overview = get(tenant, "/v1/analytics/overview");
        assertThat(overview.get("total_messages").asLong()).as("counts stay").isEqualTo(2);
        assertThat(overview.get("active_users").asLong()).as("the pseudonym still counts as one user").isEqualTo(1);
    }
}
