package dev.supportplatform.crm;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the CRM publishes on crm.events, and what it learns from chat.events. */
@ServiceIntegrationTest
class ContactEventsTest {

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    JdbcTemplate jdbc;

    String tenant;
    HttpApi api;

    @BeforeEach
    void setUp() {
        tenant = TestTokens.newTenant();
        api = HttpApi.at(port).asTenant(tenant);
    }

    @Test
    void createPublishesContactCreatedWithIdentifiersButNoProfileData() {
        String id = api.post("/crm/create_user", Map.of("name", "Eve Example", "email", "eve@example.com", "phone", "+1 555 0100",
                        "company", "Evil Corp", "external_id", "cust-eve"))
                .json().get("data").get("id").stringValue();

        EventEnvelope event = awaitEvent(id, "contact.created");

        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.data().get("contact_id").stringValue()).isEqualTo(id);
        assertThat(event.data().get("external_id").stringValue()).isEqualTo("cust-eve");
        assertThat(event.data().propertyNames()).containsExactlyInAnyOrder("contact_id", "external_id");
        assertThat(event.toJson()).doesNotContain("eve@example.com", "Eve Example", "555 0100", "Evil Corp");
    }

    @Test
    void updateAndDeactivatePublishContactUpdated() {
        String id = api.post("/crm/create_user", Map.of("name", "Eve", "email", "eve@example.com")).json().get("data").get("id").stringValue();

        api.delete("/crm/users/" + id);

        EventEnvelope event = awaitEvent(id, "contact.updated");
        assertThat(event.data().get("active").booleanValue()).isFalse();
    }

    @Test
    void aRolledBackCreateLeavesNoEventBehind() {
        String email = "once-" + tenant + "@example.com";
        String first = api.post("/crm/create_user", Map.of("name", "First", "email", email, "external_id", "first-" + tenant))
                .json().get("data").get("id").stringValue();
        assertThat(api.post("/crm/create_user", Map.of("name", "Second", "email", email, "external_id", "second-" + tenant)).status())
                .isEqualTo(409);
        // A later create: once its event is on the topic, anything the failed one had queued before it would be too.
        String marker = api.post("/crm/create_user", Map.of("name", "Marker", "email", "marker-" + email)).json().get("data").get("id").stringValue();

        List<EventEnvelope> events = KafkaTopics.readUntil(brokers, Topics.CRM, Duration.ofSeconds(30),
                all -> all.stream().anyMatch(e -> e.subject().equals(marker)));

        assertThat(events).anyMatch(e -> e.subject().equals(marker));
        assertThat(events.stream().filter(e -> e.type().equals("contact.created") && tenant.equals(e.tenantId())
                && !e.subject().equals(marker)).map(EventEnvelope::subject)).containsExactly(first);
        assertThat(events).noneMatch(e -> e.toJson().contains("second-" + tenant));
        Integer outboxRows = jdbc.queryForObject(
                "select count(*) from event_outbox where payload -> 'data' ->> 'external_id' like ?", Integer.class, "%-" + tenant);
        assertThat(outboxRows).isEqualTo(1);
    }

    @Test
    void chatEventsMaintainStatsAndADuplicateDeliveryCountsOnce() {
        String id = api.post("/crm/create_user", Map.of("name", "Chatty", "email", "chatty@example.com")).json().get("data").get("id").stringValue();
        api.put("/crm/users/by-external-id/user_777", Map.of("email", "chatty@example.com"));
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        String conversation = "conv-" + tenant;

        EventEnvelope created = chatEvent(conversation, t0, new ChatEvents.ConversationCreated(conversation, "user_777", "api", "Hello"));
        EventEnvelope received = chatEvent(conversation, t0.plusSeconds(1),
                new ChatEvents.MessageReceived(conversation, "m1", "user_777", "api", "How do I reset my password?"));
        EventEnvelope answered = chatEvent(conversation, t0.plusSeconds(5), new ChatEvents.MessageAnswered(conversation, "m2",
                "user_777", "ai", "support", "local", 10, 20, 0.0, 120, false, 0.9, 0.1, 0.2, "password_reset", 2));
        for (EventEnvelope event : List.of(created, received, answered, received)) {
            KafkaTopics.send(brokers, Topics.CHAT, event);
        }
        // Sent after the duplicate on the same partition (same key), so once it counts the duplicate has been seen.
        EventEnvelope marker = chatEvent(conversation, t0.plusSeconds(10),
                new ChatEvents.MessageReceived(conversation, "m3", id, "api", "Thanks"));
        KafkaTopics.send(brokers, Topics.CHAT, marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> !stats(id).get("last_active").isNull()
                && Instant.parse(stats(id).get("last_active").stringValue()).equals(t0.plusSeconds(10)));
        JsonNode stats = stats(id);
        assertThat(stats.get("total_conversations").longValue()).isEqualTo(1);
        assertThat(stats.get("total_messages").longValue()).as("received, answered, marker; the duplicate not again").isEqualTo(3);
        Integer activityRows = jdbc.queryForObject("select count(*) from contact_activity where tenant_id = ? and contact_id = ?::uuid",
                Integer.class, tenant, id);
        assertThat(activityRows).isEqualTo(4);
    }

    @Test
    void anAnswerAloneDoesNotMakeTheContactActive() {
        String id = api.post("/crm/create_user", Map.of("name", "Quiet", "email", "quiet@example.com")).json().get("data").get("id").stringValue();
        String conversation = "conv-quiet-" + tenant;

        KafkaTopics.send(brokers, Topics.CHAT, chatEvent(conversation, Instant.now(), new ChatEvents.MessageAnswered(conversation,
                "m1", id, "human", "agent_1", null, 0, 0, 0.0, 0, false, 1.0, 0.0, 0.0, null, 0)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(stats(id).get("total_messages").longValue()).isEqualTo(1));
        assertThat(stats(id).get("last_active").isNull()).isTrue();
    }

    private JsonNode stats(String id) {
        return api.get("/crm/users/" + id).json().get("data").get("stats");
    }

    private EventEnvelope chatEvent(String conversation, Instant at, Record payload) {
        EventEnvelope event = EventEnvelope.of(tenant, conversation, payload);
        return new EventEnvelope(event.eventId(), event.type(), tenant, at, conversation, event.data());
    }

    private EventEnvelope awaitEvent(String subject, String type) {
        List<EventEnvelope> events = KafkaTopics.readUntil(brokers, Topics.CRM, Duration.ofSeconds(30),
                all -> all.stream().anyMatch(e -> e.subject().equals(subject) && e.type().equals(type)));
        return events.stream().filter(e -> e.subject().equals(subject) && e.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " for " + subject + " on " + Topics.CRM));
    }
}
