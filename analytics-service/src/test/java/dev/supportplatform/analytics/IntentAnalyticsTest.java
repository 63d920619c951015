package dev.supportplatform.analytics;

import dev.supportplatform.analytics.ingest.EventBatchProcessor;
import dev.supportplatform.common.events.payload.ChatEvents;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /api/v1/analytics/intents counts the intents of answered customer messages, and the unmatched ones. */
@ServiceIntegrationTest
class IntentAnalyticsTest {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    private static ChatEvents.MessageAnswered answer(String id, String sender, String intent) {
        return new ChatEvents.MessageAnswered("conv-1", id, "user-1", sender, "support_agent", "local", 10, 5, 0.0, 100, false, 0.8,
                0.0, 0.2, intent, 1);
    }

    private int processed(String tenant) {
        return jdbc.queryForObject("select count(*) from event_inbox where consumer = ?", Integer.class,
                EventBatchProcessor.consumerName(tenant));
    }

    @Test
    void topIntentsAndUnmatchedMessagesOverARange() {
        String tenant = TestTokens.newTenant();
        Events events = new Events(kafka, tenant);
        Instant now = Instant.now();
        events.send("conv-1", now.minusSeconds(300), answer("a1", "assistant", "refund_status"));
        events.send("conv-1", now.minusSeconds(240), answer("a2", "assistant", "refund_status"));
        events.send("conv-1", now.minusSeconds(180), answer("a3", "assistant", "card_arrival"));
        events.send("conv-1", now.minusSeconds(120), answer("a4", "assistant", "out_of_scope"));
        events.send("conv-1", now.minusSeconds(60), answer("a5", "agent", null)); // a human agent's reply: no intent
        events.send("conv-1", now.minusSeconds(40 * 86_400L), answer("a0", "assistant", "card_arrival")); // before the range
        String other = TestTokens.newTenant();
        new Events(kafka, other).send("conv-9", now.minusSeconds(60), answer("b1", "assistant", "refund_status"));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(tenant) == 6 && processed(other) == 1);

        HttpApi client = HttpApi.at(port).asTenant(tenant);
        HttpApi.Response response = client.get("/api/v1/analytics/intents");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("messages").asLong()).isEqualTo(4);
        assertThat(body.get("matched").asLong()).isEqualTo(3);
        assertThat(body.get("unmatched").asLong()).isEqualTo(1);
        assertThat(body.get("unmatched_rate").asDouble()).isEqualTo(0.25);
        assertThat(body.get("distinct_intents").asInt()).isEqualTo(2);
        assertThat(body.get("top_intents").get(0).get("intent").asString()).isEqualTo("refund_status");
        assertThat(body.get("top_intents").get(0).get("messages").asLong()).isEqualTo(2);
        assertThat(body.get("top_intents").get(0).get("share").asDouble()).isEqualTo(0.5);
        assertThat(body.get("top_intents").get(1).get("intent").asString()).isEqualTo("card_arrival");

        JsonNode top1 = client.get("/api/v1/analytics/intents?limit=1").json();
        assertThat(top1.get("top_intents")).hasSize(1);
        String longAgo = now.minusSeconds(41 * 86_400L).toString().substring(0, 10);
        JsonNode all = client.get("/api/v1/analytics/intents?start_date=" + longAgo).json();
        assertThat(all.get("messages").asLong()).isEqualTo(5);

        assertThat(client.get("/api/v1/analytics/intents?limit=0").status()).isEqualTo(400);
        JsonNode otherBody = HttpApi.at(port).asTenant(other).get("/api/v1/analytics/intents").json();
        assertThat(otherBody.get("messages").asLong()).isEqualTo(1);
    }
}
