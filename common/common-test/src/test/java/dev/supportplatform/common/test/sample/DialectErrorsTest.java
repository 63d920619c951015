package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each contract's 400, 401, 404 and 500 bodies, field for field, provoked through real HTTP on that contract's paths. */
@ServiceIntegrationTest
class DialectErrorsTest {

    @LocalServerPort
    int port;

    private HttpApi anonymous() {
        return HttpApi.at(port);
    }

    private HttpApi authenticated() {
        return HttpApi.at(port).asTenant(TestTokens.newTenant());
    }

    private static Set<String> fields(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private static void assertNoLeak(HttpApi.Response response) {
        assertThat(response.body()).doesNotContain("secret detail").doesNotContain("IllegalStateException").doesNotContain("at dev.");
    }

    // --- agents.md: {success: false, error: {code, message, details, field?}, metadata: {response_time, timestamp, request_id}}

    private static void assertAgents(HttpApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("success", "error", "metadata");
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
        assertThat(fields(body.get("error"))).contains("code", "message", "details").isSubsetOf("code", "message", "details", "field");
        assertThat(fields(body.get("metadata"))).containsExactlyInAnyOrder("response_time", "timestamp", "request_id");
        assertThat(body.get("metadata").get("request_id").asString()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void agentsDialect() {
        HttpApi.Response invalid = authenticated().post("/crm/probe", Map.of("name", ""));
        assertAgents(invalid, 400, "VALIDATION_ERROR");
        assertThat(invalid.json().get("error").get("field").asString()).isEqualTo("name");
        assertAgents(anonymous().post("/crm/probe", Map.of("name", "x")), 401, "UNAUTHORIZED");
        assertAgents(authenticated().get("/crm/no-such-endpoint"), 404, "NOT_FOUND");
        HttpApi.Response boom = authenticated().get("/crm/boom");
        assertAgents(boom, 500, "INTERNAL_ERROR");
        assertNoLeak(boom);
    }

    // --- support.md: {error: true, error_type, message, details, timestamp, request_id}

    private static void assertSupport(HttpApi.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("error", "error_type", "message", "details", "timestamp", "request_id");
        assertThat(body.get("error").asBoolean()).isTrue();
        assertThat(body.get("error_type").asString()).isEqualTo(type);
    }

    @Test
    void supportDialect() {
        HttpApi.Response invalid = authenticated().post("/api/session/probe", Map.of());
        assertSupport(invalid, 400, "VALIDATION_ERROR");
        assertThat(invalid.json().get("message").asString()).contains("name");
        assertSupport(anonymous().post("/api/session/probe", Map.of("name", "x")), 401, "AUTHENTICATION_ERROR");
        assertSupport(authenticated().get("/api/session/probe/none/such"), 404, "NOT_FOUND_ERROR");
        HttpApi.Response boom = authenticated().get("/api/session/boom");
        assertSupport(boom, 500, "INTERNAL_ERROR");
        assertNoLeak(boom);
    }

    // --- assistant.md: {detail, status_code, timestamp} (+ request_id); body validation is 422 with Pydantic's list

    private static void assertAssistant(HttpApi.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("detail", "status_code", "timestamp", "request_id");
        assertThat(body.get("status_code").asInt()).isEqualTo(status);
    }

    @Test
    void assistantDialect() {
        HttpApi.Response malformed = authenticated().postRaw("/v1/probe", "application/json", "{not json");
        assertAssistant(malformed, 400);
        assertThat(malformed.json().get("detail").isString()).isTrue();

        HttpApi.Response invalid = authenticated().post("/v1/probe", Map.of("name", ""));
        assertAssistant(invalid, 422);
        JsonNode first = invalid.json().get("detail").get(0);
        assertThat(fields(first)).containsExactlyInAnyOrder("loc", "msg", "type");
        assertThat(first.get("loc").get(0).asString()).isEqualTo("body");
        assertThat(first.get("loc").get(1).asString()).isEqualTo("name");

        assertAssistant(anonymous().post("/v1/probe", Map.of("name", "x")), 401);
        assertAssistant(authenticated().get("/v1/no-such-endpoint"), 404);
        HttpApi.Response boom = authenticated().get("/v1/boom");
        assertAssistant(boom, 500);
        assertNoLeak(boom);
    }

    // --- platform.md: {error: {code, message, details, request_id}}

    private static void assertPlatform(HttpApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(fields(body)).containsExactly("error");
        assertThat(fields(body.get("error"))).containsExactlyInAnyOrder("code", "message", "details", "request_id");
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
        assertThat(body.get("error").get("details").isObject()).isTrue();
    }

    @Test
    void platformDialect() {
        HttpApi.Response invalid = authenticated().post("/api/v1/probe", Map.of());
        assertPlatform(invalid, 400, "invalid_request");
        assertThat(invalid.json().get("error").get("details").get("field").asString()).isEqualTo("name");
        assertPlatform(anonymous().post("/api/v1/probe", Map.of("name", "x")), 401, "unauthorized");
        assertPlatform(authenticated().get("/api/v1/no-such-endpoint"), 404, "not_found");
        assertPlatform(authenticated().get("/completely/unknown"), 404, "not_found");
        HttpApi.Response boom = authenticated().get("/api/v1/boom");
        assertPlatform(boom, 500, "internal_error");
        assertNoLeak(boom);
    }

    // --- conversations.md: {success: false, message, data: null, error: {code, ...}, timestamp, request_id}

    private static void assertConversations(HttpApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("success", "message", "data", "error", "timestamp", "request_id");
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("data").isNull()).isTrue();
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
    }

    @Test
    void conversationsDialect() {
        assertConversations(authenticated().post("/chat/conversations/probe", Map.of("name", "")), 400, "VALIDATION_ERROR");
        assertConversations(anonymous().post("/chat/conversations/probe", Map.of("name", "x")), 401, "UNAUTHORIZED");
        assertConversations(authenticated().get("/chat/conversations/no/such/endpoint"), 404, "NOT_FOUND");
        HttpApi.Response boom = authenticated().get("/chat/conversations/boom");
        assertConversations(boom, 500, "INTERNAL_ERROR");
        assertNoLeak(boom);
    }
}
