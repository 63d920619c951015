package dev.supportplatform.analytics;

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

import static dev.supportplatform.analytics.AnalyticsEndpointsTest.processed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bad ranges, unknown metrics and ids in each contract's error shape; admin-only paths; one tenant never sees another's figures. */
@ServiceIntegrationTest
class ErrorsAndIsolationTest {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    private HttpApi api() {
        return HttpApi.at(port).asTenant(TestTokens.newTenant());
    }

    @Test
    void supportErrorsAreFlatWithErrorType() {
        for (String path : new String[]{"/api/metrics?timeframe=year", "/api/metrics?start_date=2026-13-45",
                "/api/metrics?start_date=2026-02-01&end_date=2026-01-01"}) {
            HttpApi.Response r = api().get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            JsonNode body = r.json();
            assertThat(body.get("error").asBoolean()).isTrue();
            assertThat(body.get("error_type").asString()).isEqualTo("VALIDATION_ERROR");
            assertThat(body.get("message").asString()).isNotBlank();
            assertThat(body.has("timestamp")).isTrue();
            assertThat(body.get("request_id").asString()).isNotBlank();
        }
        HttpApi.Response missing = api().get("/api/metrics/session/no-such-session");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error_type").asString()).isEqualTo("NOT_FOUND_ERROR");
    }

    @Test
    void assistantErrorsCarryDetailAndStatusCode() {
        HttpApi.Response r = api().get("/v1/analytics/overview?start_date=yesterday");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("status_code").asInt()).isEqualTo(422);
        assertThat(r.json().get("detail").get(0).get("loc").get(1).asString()).isEqualTo("start_date");
        HttpApi.Response inverted = api().get("/v1/analytics/tokens?start_date=2026-02-01&end_date=2026-01-01");
        assertThat(inverted.status()).isEqualTo(422);
        assertThat(inverted.json().get("detail").get(0).get("msg").asString()).contains("end_date must be after start_date");
    }

    @Test
    void platformErrorsNameTheParameter() {
        HttpApi.Response unknownMetric = api().get("/api/v1/analytics?start_date=2026-01-01&end_date=2026-01-02&metrics=conversations,happiness");
        assertThat(unknownMetric.status()).isEqualTo(400);
        JsonNode error = unknownMetric.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo("invalid_request");
        assertThat(error.get("message").asString()).contains("happiness");
        assertThat(error.get("details").get("field").asString()).isEqualTo("metrics");
        assertThat(error.get("request_id").asString()).isNotBlank();

        assertThat(api().get("/api/v1/analytics?end_date=2026-01-02").json().get("error").get("details").get("field").asString())
                .isEqualTo("start_date");
        assertThat(api().get("/api/v1/analytics?start_date=2026-01-01&end_date=2026-01-02&group_by=year").json()
                .get("error").get("details").get("field").asString()).isEqualTo("group_by");
        assertThat(api().get("/api/v1/analytics?start_date=2026-01-05&end_date=2026-01-01").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/analytics?start_date=2000-01-01&end_date=2026-01-01").status()).as("longer than ten years").isEqualTo(400);
    }

    @Test
    void agentsAndConversationsErrorsUseTheirEnvelopes() {
        HttpApi.Response user = api().get("/admin/analytics/user/nobody");
        assertThat(user.status()).isEqualTo(404);
        assertThat(user.json().get("success").asBoolean()).isFalse();
        assertThat(user.json().get("error").get("code").asString()).isEqualTo("NOT_FOUND");

        HttpApi.Response global = api().get("/chat/analytics/global");
        assertThat(global.status()).as("a standard key is not an admin").isEqualTo(403);
        assertThat(global.json().get("success").asBoolean()).isFalse();
        assertThat(global.json().get("error").get("code").asString()).isEqualTo("FORBIDDEN");

        HttpApi.Response rebuild = api().post("/admin/analytics/rebuild", "{}");
        assertThat(rebuild.status()).isEqualTo(403);
    }

    @Test
    void requestsWithoutTheInternalTokenAreRefused() {
        HttpApi.Response r = HttpApi.at(port).get("/api/metrics");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error_type").asString()).isEqualTo("AUTHENTICATION_ERROR");
    }

    @Test
    void oneTenantNeverSeesAnothersFigures() {
        String a = TestTokens.newTenant();
        String b = TestTokens.newTenant();
        new Events(kafka, a).send("shared-uuid", Instant.now(), new ChatEvents.ConversationCreated("shared-id", "u-1", "api", "A's"));
        new Events(kafka, a).send("shared-uuid", Instant.now(), new ChatEvents.MessageReceived("shared-id", "m1", "u-1", "api", "A"));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(jdbc, a) == 2);

        HttpApi asB = HttpApi.at(port).asTenant(b);
        assertThat(asB.get("/v1/analytics/overview").json().get("total_sessions").asLong()).isZero();
        assertThat(asB.get("/api/metrics").json().get("total_queries").asLong()).isZero();
        assertThat(asB.get("/api/metrics/session/shared-id").status()).isEqualTo(404);
        assertThat(asB.get("/admin/analytics/user/u-1").status()).isEqualTo(404);
        assertThat(asB.get("/chat/analytics/dashboard").json().get("data").get("total_messages").asLong()).isZero();

        HttpApi asA = HttpApi.at(port).asTenant(a);
        assertThat(asA.get("/v1/analytics/overview").json().get("total_sessions").asLong()).isEqualTo(1);
        assertThat(asA.get("/api/metrics/session/shared-id").status()).isEqualTo(200);
    }
}
