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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class ApiKeysTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createdKeyAuthenticatesInEveryAcceptedPlaceAndCarriesItsTenant() {
        String tenant = Tenants.create(port);
        JsonNode created = Tenants.createKey(port, tenant, Map.of("name", "backend", "plan", "starter"));
        String secret = created.get("key").asString();
        assertThat(secret).startsWith("sk_live_");
        assertThat(created.get("quota_per_hour").asLong()).isEqualTo(1000);
        assertThat(created.get("scopes").toString()).contains("chat", "read", "write");

        GatewayClient client = GatewayClient.at(port);
        assertThat(client.withKey(secret).get("/crm/users/k1").status()).isEqualTo(200);
        assertThat(client.withBearer(secret).get("/crm/users/k2").status()).isEqualTo(200);
        assertThat(client.get("/crm/users/k3?api_key=" + secret).status()).isEqualTo(200);

        Identity identity = TestSecrets.CODEC.verify(TestBackends.CRM.lastFor("/crm/users/k2").header("X-Internal-Token"));
        assertThat(identity.tenantId()).isEqualTo(tenant);
        assertThat(identity.principal()).isEqualTo(created.get("id").asString());
        assertThat(identity.credential()).isEqualTo("api_key");
    }

    @Test
    void keyIsStoredOnlyAsAHashAndListedWithoutItsSecret() {
        String tenant = Tenants.create(port);
        JsonNode created = Tenants.createKey(port, tenant, Map.of("plan", "free"));
        String secret = created.get("key").asString();

        String stored = jdbc.sql("SELECT secret_hash FROM gateway.api_keys WHERE id = :id")
                .param("id", created.get("id").asString()).query(String.class).single();
        assertThat(stored).isEqualTo(Secrets.sha256(secret)).doesNotContain(secret);

        Response list = GatewayClient.at(port).asRoot(null).get("/api/v1/tenants/" + tenant + "/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asInt()).isEqualTo(1);
        assertThat(list.body()).doesNotContain(secret);
        assertThat(list.json().get("api_keys").get(0).get("key").isNull()).isTrue();
    }

    @Test
    void revokedKeyIsRefusedAtOnceEvenAfterBeingCached() {
        String tenant = Tenants.create(port);
        JsonNode created = Tenants.createKey(port, tenant, Map.of("plan", "free"));
        GatewayClient client = GatewayClient.at(port).withKey(created.get("key").asString());
        assertThat(client.get("/rag/stats").status()).isEqualTo(200);

        Response revoke = GatewayClient.at(port).asRoot(null)
                .delete("/api/v1/tenants/" + tenant + "/api-keys/" + created.get("id").asString());
        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.json().get("status").asString()).isEqualTo("revoked");

        Response refused = client.get("/rag/stats");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void rotationReplacesTheSecret() {
        String tenant = Tenants.create(port);
        JsonNode created = Tenants.createKey(port, tenant, Map.of("plan", "free"));
        String oldSecret = created.get("key").asString();
        assertThat(GatewayClient.at(port).withKey(oldSecret).get("/rag/stats").status()).isEqualTo(200);

        Response rotated = GatewayClient.at(port).asRoot(null)
                .post("/api/v1/tenants/" + tenant + "/api-keys/" + created.get("id").asString() + "/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.json().get("key").asString();
        assertThat(newSecret).isNotEqualTo(oldSecret);

        assertThat(GatewayClient.at(port).withKey(oldSecret).get("/rag/stats").status()).isEqualTo(401);
        assertThat(GatewayClient.at(port).withKey(newSecret).get("/rag/stats").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsAdminKeyIsRefusedOnATenantScopedPath() {
        String tenantA = Tenants.create(port);
        String tenantB = Tenants.create(port);
        String adminOfB = Tenants.createKey(port, tenantB, Map.of("plan", "free", "scopes", List.of("admin"))).get("key").asString();

        Response own = GatewayClient.at(port).withKey(adminOfB).get("/api/v1/tenants/" + tenantB + "/api-keys");
        assertThat(own.status()).isEqualTo(200);
        Response other = GatewayClient.at(port).withKey(adminOfB).get("/api/v1/tenants/" + tenantA + "/api-keys");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("error").get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void keyManagementNeedsTheAdminScope() {
        String tenant = Tenants.create(port);
        String standard = Tenants.newKey(port, tenant, "free");
        Response response = GatewayClient.at(port).withKey(standard).post("/api/v1/tenants/" + tenant + "/api-keys", Map.of());
        assertThat(response.status()).isEqualTo(403);
        Response creatingTenant = GatewayClient.at(port).withKey(standard).post("/api/v1/tenants", Map.of("id", "x"));
        assertThat(creatingTenant.status()).isEqualTo(403);
    }

    @Test
    void invalidKeyRequestIs400InPlatformShape() {
        String tenant = Tenants.create(port);
        Response badPlan = GatewayClient.at(port).asRoot(null).post("/api/v1/tenants/" + tenant + "/api-keys", Map.of("plan", "gold"));
        assertThat(badPlan.status()).isEqualTo(400);
        assertThat(badPlan.json().get("error").get("code").asString()).isEqualTo("invalid_request");
        assertThat(badPlan.json().get("error").get("details").get("field").asString()).isEqualTo("plan");

        Response malformed = GatewayClient.at(port).asRoot(null).postRaw("/api/v1/tenants/" + tenant + "/api-keys",
                "application/json", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("code").asString()).isEqualTo("invalid_request");
    }

    @Test
    void publishableKeyChatsOnlyFromItsAllowedOrigins() {
        String tenant = Tenants.create(port);
        JsonNode created = Tenants.createKey(port, tenant, Map.of("publishable", true, "plan", "starter",
                "allowed_origins", List.of("https://shop.example.com")));
        String key = created.get("key").asString();
        assertThat(key).startsWith("pk_live_");
        assertThat(created.get("scopes").toString()).isEqualTo("[\"chat\"]");

        GatewayClient widget = GatewayClient.at(port).withKey(key);
        Response allowed = widget.withHeader("Origin", "https://shop.example.com").post("/chat", Map.of("message", "hi"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");

        assertThat(widget.withHeader("Origin", "https://evil.example.com").post("/chat", Map.of()).status()).isEqualTo(403);
        assertThat(widget.post("/chat", Map.of()).status()).isEqualTo(403);
        Response notChat = widget.withHeader("Origin", "https://shop.example.com").get("/crm/users");
        assertThat(notChat.status()).isEqualTo(403);
        assertThat(notChat.json().get("error").get("code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void publishableKeyWithoutOriginsIsRefused() {
        String tenant = Tenants.create(port);
        Response response = GatewayClient.at(port).asRoot(null)
                .post("/api/v1/tenants/" + tenant + "/api-keys", Map.of("publishable", true));
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void managementWithoutCredentialIs401() {
        Response response = GatewayClient.at(port).get("/api/v1/tenants/default/api-keys");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").get("code").asString()).isEqualTo("unauthorized");
    }
}
