package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayClient.Response;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class HealthTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsPublicAndCarriesBothContractsFieldsWithRealStates() throws Exception {
        Thread.sleep(2100); // a snapshot taken by another test may still be reused
        Response response = GatewayClient.at(port).get("/health");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("status").asString()).isEqualTo("healthy");
        assertThat(body.get("version").asString()).isNotBlank();
        assertThat(body.get("timestamp").asString()).isNotBlank();
        assertThat(body.get("uptime_seconds").isNumber()).isTrue();
        JsonNode services = body.get("services");
        assertThat(services.get("kong_gateway").asString()).isEqualTo("healthy");
        assertThat(services.get("crm_system").asString()).isEqualTo("healthy");
        assertThat(services.get("postgres").asString()).isEqualTo("connected");
        assertThat(services.get("redis").asString()).isEqualTo("connected");
        assertThat(services.get("mcp_servers").asInt()).isEqualTo(5);
        assertThat(response.header("X-RateLimit-Limit")).isNotNull();
    }

    @Test
    void aServiceThatIsDownMakesTheReportDegraded() throws Exception {
        TestBackends.CRM.stop();
        try {
            Thread.sleep(2100);
            JsonNode body = GatewayClient.at(port).get("/health").json();
            assertThat(body.get("status").asString()).isEqualTo("degraded");
            assertThat(body.get("services").get("crm_system").asString()).isEqualTo("unhealthy");
            assertThat(body.get("services").get("crm_service").asString()).isEqualTo("unhealthy");
            assertThat(body.get("services").get("mcp_servers").asInt()).isEqualTo(4);
        } finally {
            TestBackends.CRM.start();
            Thread.sleep(2100);
        }
    }

    @Test
    void actuatorHealthAndPrometheusAreServed() {
        Response health = GatewayClient.at(port).get("/actuator/health/readiness");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"redis\"").contains("\"db\"");
        Response metrics = GatewayClient.at(port).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_");
    }
}
