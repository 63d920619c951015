package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayClient.Response;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures the gateway itself produces are rendered in the error shape of the path's contract. */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorDialectTest {

    @LocalServerPort
    int port;

    @Test
    void missingCredentialIs401InAgentsShape() {
        Response response = GatewayClient.at(port).get("/crm/users");
        assertThat(response.status()).isEqualTo(401);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("metadata").get("request_id").asString()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void badKeyIs401InSupportShape() {
        Response response = GatewayClient.at(port).withKey("sk_not-a-real-key").post("/api/query", Map.of("query", "hi"));
        assertThat(response.status()).isEqualTo(401);
        JsonNode body = response.json();
        assertThat(body.get("error").asBoolean()).isTrue();
        assertThat(body.get("error_type").asString()).isEqualTo("AUTHENTICATION_ERROR");
        assertThat(body.get("request_id").asString()).startsWith("req_");
    }

    @Test
    void badKeyIs401InAssistantShape() {
        Response response = GatewayClient.at(port).withBearer("not-a-session-token").post("/v1/chat/unified", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("status_code").asInt()).isEqualTo(401);
        assertThat(response.json().get("detail").isString()).isTrue();
    }

    @Test
    void badKeyIs401InPlatformShape() {
        Response response = GatewayClient.at(port).withBearer("sk_wrong").get("/api/v1/conversations/c1");
        assertThat(response.status()).isEqualTo(401);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo("unauthorized");
        assertThat(error.get("request_id").asString()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void missingCredentialIs401InConversationsShape() {
        Response response = GatewayClient.at(port).get("/chat/conversations");
        assertThat(response.status()).isEqualTo(401);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("data").isNull()).isTrue();
        assertThat(body.get("error").get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void unknownPathIs404InTheDialectOfThePath() {
        GatewayClient root = GatewayClient.at(port).asRoot(null);
        Response support = root.get("/api/test/unknown");
        assertThat(support.status()).isEqualTo(404);
        assertThat(support.json().get("error_type").asString()).isEqualTo("NOT_FOUND_ERROR");

        Response agents = root.get("/crm/unknown");
        assertThat(agents.status()).isEqualTo(404);
        assertThat(agents.json().get("error").get("code").asString()).isEqualTo("NOT_FOUND");

        Response platform = root.get("/nothing/here");
        assertThat(platform.status()).isEqualTo(404);
        assertThat(platform.json().get("error").get("code").asString()).isEqualTo("not_found");

        Response assistant = root.get("/v1/unknown");
        assertThat(assistant.status()).isEqualTo(404);
        assertThat(assistant.json().get("status_code").asInt()).isEqualTo(404);
    }

    @Test
    void unknownPathWithoutCredentialIs401NotARouteMap() {
        Response response = GatewayClient.at(port).get("/nothing/here");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void serviceDownIs503InTheDialectAndLoggedWithTheTraceId(CapturedOutput output) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        TestBackends.ESCALATION.stop();
        try {
            Response response = GatewayClient.at(port).asRoot(null)
                    .withHeader("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                    .post("/api/escalation", Map.of("reason", "x"));
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("error").asBoolean()).isTrue();
            assertThat(response.json().get("error_type").asString()).isEqualTo("DATABASE_ERROR");
            assertThat(output.getOut()).containsPattern(traceId + ".*POST /api/escalation failed");
        } finally {
            TestBackends.ESCALATION.start();
        }
    }

    @Test
    void slowServiceIs504InTheDialect() {
        Response response = GatewayClient.at(port).asRoot(null).get("/crm/users/slow");
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.json().get("error").get("code").asString()).isEqualTo("TIMEOUT");
    }

    @Test
    void bodyOverTheLimitIs413InTheDialect() {
        GatewayClient client = GatewayClient.at(port).asRoot(null);
        Response response = GatewayClient.send(client.builder("/v1/ingestion/text")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("\"" + "x".repeat(2 * 1024 * 1024) + "\"")));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("status_code").asInt()).isEqualTo(413);
    }

    @Test
    void malformedTenantHeaderIs400() {
        Response response = GatewayClient.at(port).asRoot("bad tenant!").get("/crm/users");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");
    }
}
