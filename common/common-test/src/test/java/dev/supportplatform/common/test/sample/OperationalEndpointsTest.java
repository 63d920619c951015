package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and the gateway rely on in every service: probes that check real dependencies, metrics, OpenAPI. */
@ServiceIntegrationTest
class OperationalEndpointsTest {

    @LocalServerPort
    int port;

    @Test
    void readinessChecksTheDatabaseAndTheBrokerAndLivenessDoesNot() {
        HttpApi.Response readiness = HttpApi.at(port).get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("kafka").get("details").get("nodes").asInt()).isPositive();

        HttpApi.Response liveness = HttpApi.at(port).get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("components").propertyNames()).as("liveness must not depend on other systems")
                .containsExactly("livenessState");
    }

    @Test
    void prometheusMetricsAreExposedWithTheServiceTag() {
        HttpApi.at(port).asTenant(TestTokens.newTenant()).get("/crm/notes");
        HttpApi.Response metrics = HttpApi.at(port).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count").contains("service=\"sample-service\"");
    }

    @Test
    void theOpenApiDocumentIsServedToAuthenticatedCallersOnly() {
        assertThat(HttpApi.at(port).get("/v3/api-docs").status()).isEqualTo(401);
        HttpApi.Response doc = HttpApi.at(port).asTenant(TestTokens.newTenant()).get("/v3/api-docs");
        assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
        assertThat(doc.json().get("openapi").asString()).startsWith("3.");
        assertThat(doc.json().get("paths").has("/crm/notes")).isTrue();
    }
}
