package dev.supportplatform.gateway;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.gateway.auth.Secrets;
import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayClient.Response;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import dev.supportplatform.gateway.support.TestSecrets;
import dev.supportplatform.gateway.support.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class SessionsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsASessionInTheAgentsShapeWithAHashedUrlSafeToken() {
        String tenant = Tenants.create(port);
        String key = Tenants.newKey(port, tenant, "free");
        Response response = GatewayClient.at(port).withKey(key).post("/sessions/create", Map.of("user_id", "user123"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        JsonNode data = body.get("data");
        String token = data.get("session_token").asString();
        assertThat(token).hasSize(32).matches("[A-Za-z0-9_-]{32}");
        assertThat(data.get("user_id").asString()).isEqualTo("user123");
        assertThat(data.get("session_id").asString()).isNotBlank();
        assertThat(data.get("expires_at").asString()).isNotBlank();
        assertThat(data.get("created_at").asString()).isNotBlank();
        assertThat(body.get("metadata").get("response_time").isNumber()).isTrue();
        assertThat(body.get("metadata").get("timestamp").asString()).isNotBlank();

        String stored = jdbc.sql("SELECT token_hash FROM gateway.auth_sessions WHERE id = :id")
                .param("id", data.get("session_id").asString()).query(String.class).single();
        assertThat(stored).isEqualTo(Secrets.sha256(token));
    }

    @Test
    void validatesALiveTokenAndRefusesAnUnknownOne() {
        String tenant = Tenants.create(port);
        String key = Tenants.newKey(port, tenant, "free");
        JsonNode created = GatewayClient.at(port).withKey(key).post("/sessions/create", Map.of("user_id", "u-42")).json().get("data");

        Response valid = GatewayClient.at(port).get("/sessions/validate/" + created.get("session_token").asString());
        assertThat(valid.status()).isEqualTo(200);
        JsonNode data = valid.json().get("data");
        assertThat(data.get("valid").asBoolean()).isTrue();
        assertThat(data.get("session_id").asString()).isEqualTo(created.get("session_id").asString());
        assertThat(data.get("user_id").asString()).isEqualTo("u-42");
        assertThat(data.get("expires_at").asString()).isEqualTo(created.get("expires_at").asString());

        Response unknown = GatewayClient.at(port).get("/sessions/validate/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(unknown.json().get("data").get("valid").asBoolean()).isFalse();
    }

    @Test
    void sessionTokenIsACredentialInItsTenant() {
        String tenant = Tenants.create(port);
        String key = Tenants.newKey(port, tenant, "free");
        String token = GatewayClient.at(port).withKey(key).post("/sessions/create", Map.of("user_id", "u-7"))
                .json().get("data").get("session_token").asString();

        Response chat = GatewayClient.at(port).withBearer(token).post("/chat", Map.of("message", "hello"));
        assertThat(chat.status()).isEqualTo(200);
        Identity identity = TestSecrets.CODEC.verify(TestBackends.CHAT.lastFor("/chat").header("X-Internal-Token"));
        assertThat(identity.tenantId()).isEqualTo(tenant);
        assertThat(identity.principal()).isEqualTo("u-7");
        assertThat(identity.credential()).isEqualTo("session");
    }

    @Test
    void expiredSessionIsRefused() {
        String tenant = Tenants.create(port);
        String key = Tenants.newKey(port, tenant, "free");
        JsonNode created = GatewayClient.at(port).withKey(key).post("/sessions/create", Map.of("user_id", "u-old")).json().get("data");
        jdbc.sql("UPDATE gateway.auth_sessions SET expires_at = now() - interval '1 minute' WHERE id = :id")
                .param("id", created.get("session_id").asString()).update();

        String token = created.get("session_token").asString();
        assertThat(GatewayClient.at(port).withBearer(token).post("/chat", Map.of()).status()).isEqualTo(401);
        assertThat(GatewayClient.at(port).get("/sessions/validate/" + token).json().get("data").get("valid").asBoolean()).isFalse();
    }

    @Test
    void widgetSessionDoesNotGainScopesItsCreatorLacked() {
        String tenant = Tenants.create(port);
        String widget = Tenants.createKey(port, tenant, Map.of("publishable", true,
                "allowed_origins", java.util.List.of("https://w.example.com"))).get("key").asString();
        String token = GatewayClient.at(port).withKey(widget).withHeader("Origin", "https://w.example.com")
                .post("/sessions/create", Map.of("user_id", "visitor")).json().get("data").get("session_token").asString();

        assertThat(GatewayClient.at(port).withBearer(token).get("/crm/users").status()).isEqualTo(403);
        assertThat(GatewayClient.at(port).withBearer(token).post("/chat", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void missingUserIdIs400InAgentsShape() {
        Response response = GatewayClient.at(port).asRoot(null).post("/sessions/create", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.json().get("error").get("field").asString()).isEqualTo("user_id");
    }
}
