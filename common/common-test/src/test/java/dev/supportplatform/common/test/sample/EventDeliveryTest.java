package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class EventDeliveryTest {

    @LocalServerPort
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;

    @AfterEach
    void reset() {
        SampleEventListener.FAILURES_TO_INJECT.set(0);
    }

    private String createNote(String tenant, String text) {
        HttpApi.Response response = HttpApi.at(port).asTenant(tenant).post("/crm/notes", Map.of("text", text));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("id").asString();
    }

    private List<Map<String, Object>> received(String subject) {
        return jdbc.queryForList("select event_id, tenant_id from received_event where subject = ?", subject);
    }

    @Test
    void anEventWrittenWithItsChangeReachesTheConsumerInTheSameTenant() {
        String tenant = TestTokens.newTenant();
        String noteId = createNote(tenant, "hello");

        await().atMost(Duration.ofSeconds(15)).until(() -> received(noteId).size() == 1);
        assertThat(received(noteId).getFirst().get("tenant_id")).isEqualTo(tenant);
        assertThat(jdbc.queryForObject("select published_at is not null from event_outbox where message_key = ?", Boolean.class, noteId))
                .as("the outbox row is marked relayed once the broker acknowledged it").isTrue();
    }

    @Test
    void nothingIsPublishedWhenTheTransactionRollsBack() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response response = HttpApi.at(port).asTenant(tenant).post("/crm/notes", Map.of("text", "rollback"));
        assertThat(response.status()).isEqualTo(500);

        // A later event of the same tenant arrives; the rolled-back one never does, and was never in the outbox.
        String later = createNote(tenant, "after the rollback");
        await().atMost(Duration.ofSeconds(15)).until(() -> received(later).size() == 1);
        assertThat(jdbc.queryForObject("select count(*) from received_event where tenant_id = ?", Integer.class, tenant)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where payload ->> 'tenant_id' = ?", Integer.class, tenant)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from note where tenant_id = ?", Integer.class, tenant)).isEqualTo(1);
    }

    @Test
    void aConsumerThatFailsOnceGetsTheEventAgainAndProcessesItOnceInEffect() {
        SampleEventListener.FAILURES_TO_INJECT.set(1);
        int attemptsBefore = SampleEventListener.ATTEMPTS.get();
        String noteId = createNote(TestTokens.newTenant(), "fails once");

        await().atMost(Duration.ofSeconds(15)).until(() -> received(noteId).size() == 1);
        assertThat(SampleEventListener.ATTEMPTS.get() - attemptsBefore).as("delivered twice: the failure, then the retry").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from event_inbox e join received_event r on r.event_id = e.event_id where r.subject = ?",
                Integer.class, noteId)).isEqualTo(1);
    }

    @Test
    void aDuplicateDeliveryTakesEffectOnce() throws Exception {
        String tenant = TestTokens.newTenant();
        String subject = UUID.randomUUID().toString();
        String json = EventEnvelope.of(tenant, subject, new CrmEvents.ContactCreated(subject, "ext-1")).toJson();
        String marker = createNote(tenant, "marker");

        kafka.send(Topics.CRM, subject, json).get();
        kafka.send(Topics.CRM, subject, json).get();
        String afterDuplicates = createNote(tenant, "after duplicates");

        await().atMost(Duration.ofSeconds(15)).until(() -> received(afterDuplicates).size() == 1 && received(marker).size() == 1);
        // The duplicate was sent before the last note's event on another key; give it a moment more to be (not) counted.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> received(subject).size() == 1);
    }

    @Test
    void aPoisonRecordEndsInTheDeadLetterTopicAndDoesNotBlockTheNextEvent() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        kafka.send(Topics.CRM, key, "this is not an event").get();
        String next = createNote(TestTokens.newTenant(), "after the poison");

        await().atMost(Duration.ofSeconds(15)).until(() -> received(next).size() == 1);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.CRM)));
            long deadline = System.currentTimeMillis() + 15_000;
            ConsumerRecord<String, String> found = null;
            while (found == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found = r;
                    }
                }
            }
            assertThat(found).as("the poison record in " + Topics.deadLetter(Topics.CRM)).isNotNull();
            assertThat(found.value()).isEqualTo("this is not an event");
            assertThat(found.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
        }
    }
}
