package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayClient.Response;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import dev.supportplatform.gateway.support.TestSecrets;
import dev.supportplatform.gateway.support.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class AdminAndDocsTest {

    @LocalServerPort
    int port;

    @Test
    void detailedHealthHasTheAgentsShapeWithRealComponents() {
        Response response = GatewayClient.at(port).asRoot(null).get("/admin/health/detailed");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        JsonNode data = body.get("data");
        assertThat(data.get("status").asString()).isIn("healthy", "degraded");
        assertThat(data.get("uptime").asString()).matches("\\d+ days, \\d+ hours, \\d+ minutes");
        assertThat(data.get("version").asString()).isNotBlank();
        JsonNode components = data.get("components");
        assertThat(components.get("database").get("status").asString()).isEqualTo("healthy");
        assertThat(components.get("database").get("response_time").isNumber()).isTrue();
        assertThat(components.get("vector_db").get("status").asString()).isEqualTo("healthy");
        assertThat(components.get("memory_usage").get("percentage").isNumber()).isTrue();
        assertThat(components.get("memory_usage").get("used").asString()).endsWith("MB");
        assertThat(components.get("disk_space").get("total").asString()).endsWith("GB");
        assertThat(body.get("metadata").get("response_time").isNumber()).isTrue();
    }

    @Test
    void adminEndpointsNeedTheAdminScope() {
        String tenant = Tenants.create(port);
        String key = Tenants.newKey(port, tenant, "professional");
        Response response = GatewayClient.at(port).withKey(key).get("/admin/settings");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("error").get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(GatewayClient.at(port).get("/admin/health/detailed").status()).isEqualTo(401);
    }

    @Test
    void settingsAggregateWhatTheServicesPublish() {
        Response response = GatewayClient.at(port).asRoot(null).get("/admin/settings");
        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data.get("api_config").get("port").asInt()).isEqualTo(port);
        assertThat(data.get("api_config").get("debug").asBoolean()).isFalse();
        assertThat(data.get("ai_config").get("model").asString()).isEqualTo("local");
        assertThat(data.get("ai_config").get("max_tokens").asInt()).isEqualTo(800);
        assertThat(data.get("rag_config").get("chunk_size").asInt()).isEqualTo(800);
        assertThat(data.get("system_info").get("version").asString()).isNotBlank();
        assertThat(data.get("system_info").get("start_time").asString()).isNotBlank();
    }

    @Test
    void oneMergedOpenApiDocumentCoversTheGatewayAndEveryService() {
        Response response = GatewayClient.at(port).get("/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().get("paths");
        assertThat(paths.has("/api/v1/tenants/{tenantId}/api-keys")).isTrue();
        // the key management API: create and list, revoke, rotate
        assertThat(paths.get("/api/v1/tenants/{tenantId}/api-keys").has("post")).isTrue();
        assertThat(paths.get("/api/v1/tenants/{tenantId}/api-keys").has("get")).isTrue();
        assertThat(paths.get("/api/v1/tenants/{tenantId}/api-keys/{keyId}").has("delete")).isTrue();
        assertThat(paths.get("/api/v1/tenants/{tenantId}/api-keys/{keyId}/rotate").has("post")).isTrue();
        assertThat(paths.has("/sessions/create")).isTrue();
        for (String service : new String[]{"chat-service", "crm-service", "knowledge-service", "escalation-service", "analytics-service"}) {
            assertThat(paths.has("/" + service + "/documented")).as(service).isTrue();
        }
        JsonNode createKey = response.json().get("components").get("schemas").get("CreateKeyRequest");
        assertThat(createKey.get("properties").has("quota_per_hour")).isTrue();
        assertThat(TestSecrets.CODEC.verify(TestBackends.CRM.lastFor("/v3/api-docs").header("X-Internal-Token")).principal())
                .isEqualTo("gateway");
    }

    @Test
    void swaggerUiAndRedocArePublicPagesOverTheMergedDocument() {
        Response docs = GatewayClient.at(port).get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.header("Content-Type")).startsWith("text/html");
        assertThat(docs.body()).contains("swagger-ui").contains("/openapi.json");
        Response redoc = GatewayClient.at(port).get("/redoc");
        assertThat(redoc.status()).isEqualTo(200);
        assertThat(redoc.body()).contains("redoc").contains("/openapi.json");
    }
}
