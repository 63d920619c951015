package dev.supportplatform.gateway.support;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Fresh tenants and keys made through the gateway's own management API with the root key. */
public final class Tenants {

    private Tenants() {
    }

    public static String create(int port, String... allowedOrigins) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
        GatewayClient.Response response = GatewayClient.at(port).asRoot(null)
                .post("/api/v1/tenants", Map.of("id", id, "name", "Tenant " + id, "allowed_origins", List.of(allowedOrigins)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return id;
    }

    /** Creates a key and returns the creation response (with the secret in {@code key}). */
    public static JsonNode createKey(int port, String tenant, Map<String, Object> request) {
        GatewayClient.Response response = GatewayClient.at(port).asRoot(null).post("/api/v1/tenants/" + tenant + "/api-keys", request);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    public static String newKey(int port, String tenant, String plan) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", "test " + plan);
        request.put("plan", plan);
        return createKey(port, tenant, request).get("key").asString();
    }
}
