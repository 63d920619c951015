package dev.supportplatform.chat;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** contact.erased leaves nothing of the person in chat: conversations, relayed event copies, the contact memo, cached answers. */
@ServiceIntegrationTest
class ContactErasureTest extends ChatTestSupport {

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    StringRedisTemplate redis;

    private int outboxRows(String tenant, String conversationExternalId) {
        return jdbc.queryForObject("select count(*) from event_outbox where payload ->> 'tenant_id' = ? and message_key in "
                + "(select id::text from conversation where tenant_id = ? and external_id = ?)", Integer.class, tenant, tenant,
                conversationExternalId);
    }

    @Test
    void anErasedContactsConversationsEventCopiesMemoAndCachedAnswersAreGone() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        knowledgeReturns("refund", List.of(Map.of("source", "refunds.md", "content",
                "Refunds are issued within 14 days of purchase.", "score", 0.9)));
        assertThat(client.post("/api/query", Map.of("query", "How long do refunds take? I am erase.me@example.com",
                "session_id", "erase-2", "customer_id", "cust-erase-2")).status()).isEqualTo(200);
        assertThat(client.post("/api/query", Map.of("query", "hello", "session_id", "keep-2", "customer_id", "cust-keep-2"))
                .status()).isEqualTo(200);
        String erasedUuid = jdbc.queryForObject("select id::text from conversation where tenant_id = ? and external_id = 'erase-2'",
                String.class, tenant);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from event_outbox where "
                + "payload ->> 'tenant_id' = ? and published_at is null", Integer.class, tenant) == 0);
        assertThat(outboxRows(tenant, "erase-2")).as("relayed copies kept for a while").isPositive();
        assertThat(redis.hasKey("chat:contact:" + tenant + ":cust-erase-2")).as("the CRM memo").isTrue();
        assertThat(redis.keys("chat:answer:" + tenant + ":*")).as("a cached answer").isNotEmpty();

        kafka.send(Topics.CRM, "contact-2", EventEnvelope.of(tenant, "contact-2",
                new CrmEvents.ContactErased("contact-2", List.of("cust-erase-2"))).toJson()).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/session/erase-2").status() == 404);
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where message_key = ?", Integer.class, erasedUuid))
                .as("no relayed copy of the erased conversation's events").isZero();
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where payload::text like '%erase.me@example.com%'",
                Integer.class)).isZero();
        assertThat(outboxRows(tenant, "keep-2")).as("another contact's events stay").isPositive();
        assertThat(redis.hasKey("chat:contact:" + tenant + ":cust-erase-2")).isFalse();
        assertThat(redis.keys("chat:answer:" + tenant + ":*")).isEmpty();
        assertThat(client.get("/api/session/keep-2").status()).isEqualTo(200);
    }
}
