package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets each contract's own error shape and status, and stores nothing. */
@ServiceIntegrationTest
class BadInputTest extends ChatTestSupport {

    private static final String HUGE = "x".repeat(8001);

    @Test
    void emptyAndOversizedMessagesAreRejectedInEachDialect() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);

        HttpApi.Response agents = client.post("/chat", Map.of("message", "  ", "user_id", "u1"));
        assertThat(agents.status()).isEqualTo(400);
        assertThat(agents.json().get("success").asBoolean()).isFalse();
        assertThat(agents.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(agents.json().get("error").get("field").asString()).isEqualTo("message");

        HttpApi.Response support = client.post("/api/query", Map.of("query", HUGE, "session_id", "s", "customer_id", "c"));
        assertThat(support.status()).isEqualTo(400);
        assertThat(support.json().get("error").asBoolean()).isTrue();
        assertThat(support.json().get("error_type").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(support.json().get("message").asString()).contains("8000");

        HttpApi.Response platform = client.post("/api/v1/conversations", Map.of("message", "", "user_id", "u1"));
        assertThat(platform.status()).isEqualTo(400);
        assertThat(platform.json().get("error").get("code").asString()).isEqualTo("invalid_request");
        assertThat(platform.json().get("error").get("request_id").asString()).isNotBlank();

        long number = createConversation(client);
        HttpApi.Response conversations = client.post("/chat/conversations/" + number + "/messages", Map.of("content", HUGE));
        assertThat(conversations.status()).isEqualTo(400);
        assertThat(conversations.json().get("success").asBoolean()).isFalse();
        assertThat(conversations.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");

        assertThat(jdbc.queryForObject("select count(*) from message where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        HttpApi client = api(TestTokens.newTenant());
        HttpApi.Response r = client.post("/api/query", Map.of("query", "hello", "session_id", "s"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asString()).contains("customer_id");
        HttpApi.Response p = client.post("/api/v1/conversations", Map.of("message", "hello"));
        assertThat(p.json().get("error").get("details").get("field").asString()).isEqualTo("user_id");
    }

    @Test
    void invalidJsonAndWrongTypesGetTheContractsErrorShape() {
        HttpApi client = api(TestTokens.newTenant());
        HttpApi.Response broken = client.postRaw("/chat", "application/json", "{\"message\": \"hi\", ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");

        HttpApi.Response wrongType = client.postRaw("/api/session", "application/json", "{\"customer_id\": {\"a\": 1}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error_type").asString()).isEqualTo("VALIDATION_ERROR");

        HttpApi.Response notANumber = client.get("/chat/conversations/abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("success").asBoolean()).isFalse();

        long number = createConversation(client);
        HttpApi.Response badRating = client.postRaw("/api/v1/conversations/" + number + "/feedback", "application/json", "{\"rating\": \"great\"}");
        assertThat(badRating.status()).isEqualTo(400);
        assertThat(badRating.json().get("error").get("code").asString()).isEqualTo("invalid_request");
        HttpApi.Response outOfRange = client.post("/api/v1/conversations/" + number + "/feedback", Map.of("rating", 6));
        assertThat(outOfRange.status()).isEqualTo(400);

        HttpApi.Response badLimit = client.get("/v1/sessions?limit=1000");
        assertThat(badLimit.status()).isIn(400, 422);
        assertThat(badLimit.json().get("status_code").asInt()).isEqualTo(badLimit.status());
    }

    @Test
    void unknownIdsAreNotFoundInEachDialect() {
        HttpApi client = api(TestTokens.newTenant());
        JsonNode support = client.get("/api/session/nope").json();
        assertThat(support.get("error_type").asString()).isEqualTo("NOT_FOUND_ERROR");
        HttpApi.Response assistant = client.get("/v1/sessions/nope/messages");
        assertThat(assistant.status()).isEqualTo(404);
        assertThat(assistant.json().get("status_code").asInt()).isEqualTo(404);
        assertThat(client.get("/api/v1/conversations/nope").json().get("error").get("code").asString()).isEqualTo("not_found");
        HttpApi.Response conversations = client.get("/chat/conversations/999999999");
        assertThat(conversations.status()).isEqualTo(404);
        assertThat(conversations.json().get("success").asBoolean()).isFalse();
        assertThat(client.post("/chat/conversations/999999999/ai-response", Map.of("message", "hi")).status()).isEqualTo(404);
        assertThat(client.delete("/api/session/nope").status()).isEqualTo(404);
    }

    @Test
    void aClientChosenSessionIdIsUniquePerTenant() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response first = api(tenant).post("/api/session", Map.of("customer_id", "c1", "session_id", "dup-1"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("session_id").asString()).isEqualTo("dup-1");
        HttpApi.Response second = api(tenant).post("/api/session", Map.of("customer_id", "c2", "session_id", "dup-1"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("error").asBoolean()).isTrue();
        assertThat(api(TestTokens.newTenant()).post("/api/session", Map.of("customer_id", "c1", "session_id", "dup-1")).status())
                .as("the same id in another tenant is a different session").isEqualTo(200);
    }

    private long createConversation(HttpApi client) {
        HttpApi.Response created = client.post("/chat/conversations", Map.of("title", "Bad input"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("data").get("conversation_id").asLong();
    }
}
