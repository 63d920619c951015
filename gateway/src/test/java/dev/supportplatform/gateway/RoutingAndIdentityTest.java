package dev.supportplatform.gateway;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayClient.Response;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackend;
import dev.supportplatform.gateway.support.TestBackends;
import dev.supportplatform.gateway.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class RoutingAndIdentityTest {

    @LocalServerPort
    int port;

    private static TestBackend backend(String name) {
        return switch (name) {
            case "chat" -> TestBackends.CHAT;
            case "crm" -> TestBackends.CRM;
            case "knowledge" -> TestBackends.KNOWLEDGE;
            case "escalation" -> TestBackends.ESCALATION;
            case "analytics" -> TestBackends.ANALYTICS;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /chat, chat",
            "GET, /chat/conversations/42/messages, chat",
            "GET, /chat/search, chat",
            "GET, /crm/conversations/user123, chat",
            "POST, /api/query, chat",
            "GET, /api/session/s1, chat",
            "POST, /v1/chat/unified, chat",
            "GET, /v1/sessions/s1/messages, chat",
            "POST, /api/v1/conversations, chat",
            "POST, /api/test/query, chat",
            "GET, /api/v1/intents, chat",
            "POST, /api/v1/intents/import, chat",
            "POST, /crm/create_user, crm",
            "GET, /crm/users/u1, crm",
            "GET, /crm/users, crm",
            "POST, /upload_docs, knowledge",
            "GET, /rag/stats, knowledge",
            "DELETE, /rag/documents/manual.pdf, knowledge",
            "POST, /v1/ingestion/text, knowledge",
            "POST, /api/v1/knowledge-base, knowledge",
            "POST, /api/escalation, escalation",
            "PUT, /api/escalation/t1, escalation",
            "POST, /api/test/escalation, escalation",
            "GET, /admin/analytics/system, analytics",
            "GET, /admin/analytics/user/u1, analytics",
            "GET, /api/metrics, analytics",
            "GET, /api/metrics/session/s1, analytics",
            "GET, /api/status, analytics",
            "GET, /v1/analytics/overview, analytics",
            "GET, /api/v1/analytics, analytics",
            "GET, /api/v1/analytics/intents, analytics",
            "GET, /chat/analytics/dashboard, analytics",
            "GET, /api/test/metrics, analytics",
    })
    void routesEachContractPathToItsOwningService(String method, String path, String service) {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        GatewayClient client = GatewayClient.at(port).asRoot(tenant);
        Response response = switch (method) {
            case "GET" -> client.get(path);
            case "DELETE" -> client.delete(path);
            case "PUT" -> client.put(path, Map.of());
            default -> client.post(path, Map.of());
        };

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("service").asString()).isEqualTo(backend(service).name());
        TestBackend.Received received = backend(service).lastFor(path);
        assertThat(received).isNotNull();
        assertThat(received.method()).isEqualTo(method);
        Identity identity = TestSecrets.CODEC.verify(received.header("X-Internal-Token"));
        assertThat(identity.tenantId()).isEqualTo(tenant);
    }

    @Test
    void stripsSpoofedIdentityHeadersAndForwardsOnlyTheSignedIdentity() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String forged = TestSecrets.CODEC.sign(new Identity("victim", "attacker", java.util.Set.of("admin"), "root"));
        Response response = GatewayClient.at(port).withKey(TestSecrets.ROOT_KEY).withHeader("X-Tenant-Id", tenant)
                .withHeader("X-Internal-Token", forged)
                .withHeader("X-User-Id", "someone-else")
                .withHeader("X-Scopes", "admin")
                .get("/crm/users/spoof-check");

        assertThat(response.status()).isEqualTo(200);
        TestBackend.Received received = TestBackends.CRM.lastFor("/crm/users/spoof-check");
        assertThat(received.header("X-User-Id")).isNull();
        assertThat(received.header("X-Scopes")).isNull();
        assertThat(received.header("X-Tenant-Id")).isNull();
        assertThat(received.header("X-API-Key")).isNull();
        assertThat(received.header("X-Internal-Token")).isNotEqualTo(forged);
        Identity identity = TestSecrets.CODEC.verify(received.header("X-Internal-Token"));
        assertThat(identity.tenantId()).isEqualTo(tenant);
        assertThat(identity.principal()).isEqualTo("root");
    }

    @Test
    void aClientCannotPickItsTenantWithoutTheRootKey() {
        Response response = GatewayClient.at(port).withHeader("X-Tenant-Id", "victim").get("/crm/users");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void rootKeyWithoutTenantHeaderActsInTheDefaultTenant() {
        Response response = GatewayClient.at(port).withBearer(TestSecrets.ROOT_KEY).get("/crm/users/default-check");
        assertThat(response.status()).isEqualTo(200);
        Identity identity = TestSecrets.CODEC.verify(TestBackends.CRM.lastFor("/crm/users/default-check").header("X-Internal-Token"));
        assertThat(identity.tenantId()).isEqualTo("default");
    }

    @Test
    void acceptsTheKeyAsQueryParameterAndDoesNotForwardIt() {
        Response response = GatewayClient.at(port).get("/rag/documents?page=2&api_key=" + TestSecrets.ROOT_KEY);
        assertThat(response.status()).isEqualTo(200);
        TestBackend.Received received = TestBackends.KNOWLEDGE.lastFor("/rag/documents");
        assertThat(received.query()).isEqualTo("page=2");
    }

    @Test
    void echoesTheClientRequestIdAndForwardsIt() {
        Response response = GatewayClient.at(port).asRoot(null).withHeader("X-Request-Id", "req_client_42").get("/rag/stats");
        assertThat(response.header("X-Request-Id")).isEqualTo("req_client_42");
        assertThat(TestBackends.KNOWLEDGE.lastFor("/rag/stats").header("X-Request-Id")).isEqualTo("req_client_42");
    }

    @Test
    void makesARequestIdWhenTheClientSendsNone() {
        Response response = GatewayClient.at(port).asRoot(null).get("/api/status");
        assertThat(response.header("X-Request-Id")).startsWith("req_");
        assertThat(TestBackends.ANALYTICS.lastFor("/api/status").header("X-Request-Id")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void continuesTheClientsTraceDownstream() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Response response = GatewayClient.at(port).asRoot(null)
                .withHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").get("/crm/users/trace-check");
        assertThat(response.status()).isEqualTo(200);
        String downstream = TestBackends.CRM.lastFor("/crm/users/trace-check").header("traceparent");
        assertThat(downstream).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void startsATraceWhenTheClientHasNone() {
        GatewayClient.at(port).asRoot(null).get("/crm/users/trace-new");
        String downstream = TestBackends.CRM.lastFor("/crm/users/trace-new").header("traceparent");
        assertThat(downstream).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
