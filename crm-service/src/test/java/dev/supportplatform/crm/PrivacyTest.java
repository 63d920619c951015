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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Export shows everything the CRM holds about a contact; erase leaves none of it and tells the other services. */
@ServiceIntegrationTest
class PrivacyTest {

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    JdbcTemplate jdbc;

    String tenant;
    HttpApi api;
    String id;
    String email;

    @BeforeEach
    void setUp() {
        tenant = TestTokens.newTenant();
        api = HttpApi.at(port).asTenant(tenant);
        email = "private-" + tenant + "@example.com";
        id = api.post("/crm/create_user", Map.of("name", "Private Person", "email", email, "phone", "+44 20 7946 0000",
                        "preferences", Map.of("language", "fr"), "external_id", "cust_private"))
                .json().get("data").get("id").stringValue();
        api.put("/crm/users/by-external-id/user_private", Map.of("email", email, "metadata", Map.of("user_name", "P. Person")));
        String conversation = "conv-" + tenant;
        EventEnvelope created = EventEnvelope.of(tenant, conversation, new ChatEvents.ConversationCreated(conversation, "cust_private", "web", "Hi"));
        KafkaTopics.send(brokers, Topics.CHAT, created);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/crm/users/" + id).json().get("data").get("stats").get("total_conversations").longValue()).isEqualTo(1));
    }

    @Test
    void exportHasTheContactItsIdsMetadataStatsAndActivity() {
        HttpApi.Response response = api.get("/crm/users/cust_private/export");

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        JsonNode contact = data.get("contact");
        assertThat(contact.get("id").stringValue()).isEqualTo(id);
        assertThat(contact.get("name").stringValue()).isEqualTo("Private Person");
        assertThat(contact.get("email").stringValue()).isEqualTo(email);
        assertThat(contact.get("phone").stringValue()).isEqualTo("+44 20 7946 0000");
        assertThat(contact.get("preferences").get("language").stringValue()).isEqualTo("fr");
        assertThat(contact.get("metadata").get("user_name").stringValue()).isEqualTo("P. Person");
        assertThat(contact.get("external_ids")).extracting(JsonNode::stringValue).containsExactlyInAnyOrder("cust_private", "user_private");
        assertThat(data.get("stats").get("total_conversations").longValue()).isEqualTo(1);
        assertThat(data.get("activity")).hasSize(1);
        assertThat(data.get("activity").get(0).get("type").stringValue()).isEqualTo("conversation.created");
        assertThat(data.get("activity").get(0).get("conversation_id").stringValue()).isEqualTo("conv-" + tenant);
        assertThat(data.get("exported_at").stringValue()).isNotBlank();
    }

    @Test
    void eraseDeletesEverythingAboutTheContactAndPublishesContactErased() {
        // contact.created (name, email) has been relayed; erase must not leave it in the outbox either.
        KafkaTopics.readUntil(brokers, Topics.CRM, Duration.ofSeconds(30),
                all -> all.stream().anyMatch(e -> e.subject().equals(id) && e.type().equals("contact.created")));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from event_outbox where message_key = ? and published_at is null", Integer.class, id) == 0);

        HttpApi.Response response = api.delete("/crm/users/user_private/erase");

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data.get("id").stringValue()).isEqualTo(id);
        assertThat(data.get("erased").booleanValue()).isTrue();
        assertThat(api.get("/crm/users/" + id).status()).isEqualTo(404);
        assertThat(api.get("/crm/users/cust_private").status()).isEqualTo(404);
        assertThat(api.get("/crm/users/" + id + "/export").status()).isEqualTo(404);
        for (String table : List.of("contacts where id", "contact_external_ids where contact_id", "contact_stats where contact_id",
                "contact_activity where contact_id")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " = ?::uuid", Integer.class, id)).as(table).isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from contact_external_ids where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where payload::text like ? or "
                + "(message_key = ? and payload::text like '%Private Person%')", Integer.class, "%" + email + "%", id)).isZero();
        assertThat(api.get("/crm/users?active_only=false").json().get("pagination").get("total").longValue()).isZero();

        List<EventEnvelope> events = KafkaTopics.readUntil(brokers, Topics.CRM, Duration.ofSeconds(30),
                all -> all.stream().anyMatch(e -> e.subject().equals(id) && e.type().equals("contact.erased")));
        EventEnvelope erased = events.stream().filter(e -> e.subject().equals(id) && e.type().equals("contact.erased")).findFirst().orElseThrow();
        assertThat(erased.tenantId()).isEqualTo(tenant);
        assertThat(erased.data().get("contact_id").stringValue()).isEqualTo(id);
        assertThat(erased.data().get("external_ids")).extracting(JsonNode::stringValue).containsExactlyInAnyOrder("cust_private", "user_private");
        assertThat(erased.data().toString()).doesNotContain(email).doesNotContain("Private Person");
        await("the relayed erasure event, which names the ids, leaves the outbox too").atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("select count(*) from event_outbox where payload ->> 'tenant_id' = ?",
                        Integer.class, tenant) == 0);
    }

    @Test
    void chatEventsForAnErasedContactDoNotBringItBack() {
        api.post("/crm/users/" + id + "/erase", "");
        String conversation = "conv-late-" + tenant;

        EventEnvelope late = EventEnvelope.of(tenant, conversation,
                new ChatEvents.MessageReceived(conversation, "m9", "cust_private", "web", "still there?"));
        KafkaTopics.send(brokers, Topics.CHAT, late);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from event_inbox where consumer = 'crm.contact-activity' and event_id = ?",
                Integer.class, late.eventId()) == 1);
        assertThat(jdbc.queryForObject("select count(*) from contacts where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from contact_activity where tenant_id = ?", Integer.class, tenant)).isZero();
    }
}
