package dev.supportplatform.gateway;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
@EmbeddedKafka(partitions = 1, topics = Topics.CRM)
@TestPropertySource(properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.listener.auto-startup=true",
})
class SessionErasureTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void contactErasureEndsTheErasedPersonsSessionsInTheirTenantOnly() {
        String tenant = Tenants.create(port);
        String otherTenant = Tenants.create(port);
        String erased = session(tenant, "cust-erased");
        String neighbour = session(tenant, "cust-staying");
        String sameIdElsewhere = session(otherTenant, "cust-erased");
        // used once, so the gateway holds it in its credential cache: erasure must evict it too
        assertThat(GatewayClient.at(port).withBearer(erased).post("/chat", Map.of("message", "hi")).status()).isEqualTo(200);

        EventEnvelope event = EventEnvelope.of(tenant, "contact-1", new CrmEvents.ContactErased("contact-1", List.of("cust-erased")));
        kafka.send(Topics.CRM, event.subject(), event.toJson());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(GatewayClient.at(port).withBearer(erased).post("/chat", Map.of("message", "hi")).status()).isEqualTo(401));
        assertThat(valid(erased)).isFalse();
        assertThat(valid(neighbour)).isTrue();
        assertThat(valid(sameIdElsewhere)).isTrue();
    }

    @Test
    void otherCrmEventsAndUnreadableRecordsLeaveSessionsAlone() {
        String tenant = Tenants.create(port);
        String token = session(tenant, "cust-kept");
        EventEnvelope created = EventEnvelope.of(tenant, "contact-2", new CrmEvents.ContactCreated("contact-2", "cust-kept"));
        kafka.send(Topics.CRM, "junk", "{not json");
        kafka.send(Topics.CRM, created.subject(), created.toJson());
        // a later erasure of someone else proves both records above were consumed before it
        String marker = session(tenant, "cust-marker");
        EventEnvelope erasure = EventEnvelope.of(tenant, "contact-3", new CrmEvents.ContactErased("contact-3", List.of("cust-marker")));
        kafka.send(Topics.CRM, erasure.subject(), erasure.toJson());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(valid(marker)).isFalse());
        assertThat(valid(token)).isTrue();
    }

    private String session(String tenant, String userId) {
        String key = Tenants.newKey(port, tenant, "free");
        return GatewayClient.at(port).withKey(key).post("/sessions/create", Map.of("user_id", userId))
                .json().get("data").get("session_token").asString();
    }

    private boolean valid(String token) {
        return GatewayClient.at(port).get("/sessions/validate/" + token).json().get("data").get("valid").asBoolean();
    }
}
