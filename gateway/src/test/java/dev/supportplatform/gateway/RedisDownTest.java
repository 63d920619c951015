package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayClient.Response;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis unreachable the gateway keeps serving, limits per replica, and says it is degraded. */
@GatewayIntegrationTest
@TestPropertySource(properties = "spring.data.redis.port=1")
class RedisDownTest {

    @LocalServerPort
    int port;

    @Test
    void keepsServingWithAnInProcessLimiterAndReportsDegraded() throws Exception {
        GatewayClient client = GatewayClient.at(port).asRoot(null);
        Response first = client.get("/rag/stats");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("99");

        Response refused = null;
        for (int i = 0; i < 25 && refused == null; i++) {
            Response response = client.get("/rag/stats");
            if (response.status() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as("the in-process limiter still enforces the burst limit").isNotNull();
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("10");

        Thread.sleep(2100);
        Response health = GatewayClient.at(port).get("/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode body = health.json();
        assertThat(body.get("status").asString()).isEqualTo("degraded");
        assertThat(body.get("services").get("redis").asString()).isEqualTo("disconnected");
        assertThat(body.get("services").get("kong_gateway").asString()).isEqualTo("degraded");

        Response readiness = GatewayClient.at(port).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("components").get("redis").get("status").asString()).isEqualTo("DEGRADED");
    }
}
