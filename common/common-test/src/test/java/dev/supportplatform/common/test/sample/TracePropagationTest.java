package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The trace a client starts continues through the service, its Feign calls, the outbox and the Kafka consumer. */
@ServiceIntegrationTest
class TracePropagationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void aClientsTraceReachesTheKafkaConsumerThroughTheOutbox() {
        String traceId = randomHex(16);
        HttpApi api = HttpApi.at(port).asTenant(TestTokens.newTenant())
                .withHeader("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01");
        String noteId = api.post("/crm/notes", Map.of("text", "traced")).json().get("id").asString();

        await().atMost(Duration.ofSeconds(15)).until(() ->
                jdbc.queryForList("select trace_id from received_event where subject = ?", String.class, noteId).size() == 1);
        assertThat(jdbc.queryForObject("select trace_id from received_event where subject = ?", String.class, noteId)).isEqualTo(traceId);
    }

    @Test
    void aFeignCallCarriesTheCallersIdentityAndTrace() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        String noteId = api.post("/crm/notes", Map.of("text", "read me through feign")).json().get("id").asString();
        String traceId = randomHex(16);

        HttpApi.Response response = api.withHeader("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .get("/crm/notes/" + noteId + "/via-feign");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("caller_trace_id").asString()).isEqualTo(traceId);
        assertThat(body.get("callee").get("trace_id").asString()).as("the callee continues the caller's trace").isEqualTo(traceId);
        assertThat(body.get("callee").get("tenant_id").asString()).as("the callee acts for the caller's tenant").isEqualTo(tenant);
    }
}
