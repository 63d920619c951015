package dev.supportplatform.crm;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.identity.Scopes;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class ContactApiTest {

    @LocalServerPort
    int port;

    String tenant;
    HttpApi api;

    @BeforeEach
    void setUp() {
        tenant = TestTokens.newTenant();
        api = HttpApi.at(port).asTenant(tenant);
    }

    static Map<String, Object> user(String name, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("email", email);
        return body;
    }

    static Map<String, Object> fullUser() {
        Map<String, Object> body = user("John Doe", "john@example.com");
        body.put("phone", "+1234567890");
        body.put("company", "Acme Corp");
        body.put("role", "Manager");
        body.put("preferences", Map.of("language", "en", "newsletter", true));
        return body;
    }

    @Test
    void createUserAnswersWithTheContractsEnvelopeFieldByField() {
        HttpApi.Response response = api.post("/crm/create_user", fullUser());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(names(body)).containsExactly("success", "data", "metadata");
        assertThat(body.get("success").booleanValue()).isTrue();
        JsonNode data = body.get("data");
        assertThat(names(data)).containsExactly("id", "name", "email", "phone", "company", "role", "preferences",
                "created_at", "updated_at", "is_active");
        assertThat(data.get("id").stringValue()).isNotBlank();
        assertThat(data.get("name").stringValue()).isEqualTo("John Doe");
        assertThat(data.get("email").stringValue()).isEqualTo("john@example.com");
        assertThat(data.get("phone").stringValue()).isEqualTo("+1234567890");
        assertThat(data.get("company").stringValue()).isEqualTo("Acme Corp");
        assertThat(data.get("role").stringValue()).isEqualTo("Manager");
        assertThat(data.get("preferences").get("language").stringValue()).isEqualTo("en");
        assertThat(data.get("preferences").get("newsletter").booleanValue()).isTrue();
        assertThat(Instant.parse(data.get("created_at").stringValue())).isCloseTo(Instant.now(), within());
        assertThat(data.get("updated_at").stringValue()).isEqualTo(data.get("created_at").stringValue());
        assertThat(data.get("is_active").booleanValue()).isTrue();
        assertAgentsMetadata(body.get("metadata"));
    }

    @Test
    void getUserShowsTheContactWithZeroStatsBeforeAnyChat() {
        String id = api.post("/crm/create_user", fullUser()).json().get("data").get("id").stringValue();

        HttpApi.Response response = api.get("/crm/users/" + id);

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(names(data)).containsExactly("id", "name", "email", "phone", "company", "role", "preferences",
                "created_at", "updated_at", "is_active", "stats");
        assertThat(data.get("id").stringValue()).isEqualTo(id);
        assertThat(names(data.get("stats"))).containsExactly("total_conversations", "total_messages", "last_active");
        assertThat(data.get("stats").get("total_conversations").longValue()).isZero();
        assertThat(data.get("stats").get("total_messages").longValue()).isZero();
        assertThat(data.get("stats").get("last_active").isNull()).isTrue();
        assertAgentsMetadata(response.json().get("metadata"));
    }

    @Test
    void unknownUserIs404InTheContractsErrorShape() {
        HttpApi.Response response = api.get("/crm/users/user123");

        assertThat(response.status()).isEqualTo(404);
        JsonNode body = response.json();
        assertThat(body.get("success").booleanValue()).isFalse();
        assertThat(body.get("error").get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(body.get("error").get("message").stringValue()).isEqualTo("User not found");
        assertThat(body.get("error").get("details").stringValue()).isEqualTo("User with ID 'user123' does not exist");
        assertThat(body.get("metadata").get("request_id").stringValue()).isNotBlank();
    }

    @Test
    void listShowsTheContractsItemFieldsAndPagination() {
        api.post("/crm/create_user", fullUser());

        HttpApi.Response response = api.get("/crm/users");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(names(body)).containsExactly("success", "data", "pagination", "metadata");
        JsonNode item = body.get("data").get(0);
        assertThat(names(item)).containsExactly("id", "name", "email", "company", "created_at", "is_active");
        assertThat(item.get("company").stringValue()).isEqualTo("Acme Corp");
        JsonNode pagination = body.get("pagination");
        assertThat(names(pagination)).containsExactly("page", "per_page", "total", "pages");
        assertThat(pagination.get("page").intValue()).isEqualTo(1);
        assertThat(pagination.get("per_page").intValue()).isEqualTo(10);
        assertThat(pagination.get("total").longValue()).isEqualTo(1);
        assertThat(pagination.get("pages").longValue()).isEqualTo(1);
        assertAgentsMetadata(body.get("metadata"));
    }

    @Test
    void listFiltersByEmailCaseInsensitively() {
        api.post("/crm/create_user", user("Ann", "Ann@Example.com"));
        api.post("/crm/create_user", user("Bob", "bob@example.com"));

        JsonNode body = api.get("/crm/users?email=ann@example.COM").json();

        assertThat(body.get("data")).hasSize(1);
        assertThat(body.get("data").get(0).get("name").stringValue()).isEqualTo("Ann");
        assertThat(body.get("pagination").get("total").longValue()).isEqualTo(1);
    }

    @Test
    void updateChangesOnlyTheFieldsSentAndNullClearsOptionalOnes() {
        String id = api.post("/crm/create_user", fullUser()).json().get("data").get("id").stringValue();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("company", "Globex");
        change.put("phone", null);

        HttpApi.Response response = api.put("/crm/users/" + id, change);

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data.get("company").stringValue()).isEqualTo("Globex");
        assertThat(data.get("phone").isNull()).isTrue();
        assertThat(data.get("name").stringValue()).isEqualTo("John Doe");
        assertThat(data.get("role").stringValue()).isEqualTo("Manager");
        assertThat(Instant.parse(data.get("updated_at").stringValue())).isAfter(Instant.parse(data.get("created_at").stringValue()));
        assertThat(api.get("/crm/users/" + id).json().get("data").get("company").stringValue()).isEqualTo("Globex");
    }

    @Test
    void patchUpdatesLikePut() {
        String id = api.post("/crm/create_user", fullUser()).json().get("data").get("id").stringValue();

        HttpApi.Response response = api.patch("/crm/users/" + id, Map.of("role", "Director"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.get("/crm/users/" + id).json().get("data").get("role").stringValue()).isEqualTo("Director");
    }

    @Test
    void updateRejectsClearingTheName() {
        String id = api.post("/crm/create_user", fullUser()).json().get("data").get("id").stringValue();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("name", null);

        assertValidationError(api.put("/crm/users/" + id, change), "name");
    }

    @Test
    void theOpenApiDocumentDescribesTheUpsertForOtherServices() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");

        assertThat(paths.has("/crm/users/by-external-id/{external_id}")).isTrue();
        assertThat(paths.get("/crm/users/by-external-id/{external_id}").has("put")).isTrue();
        assertThat(paths.has("/crm/create_user")).isTrue();
        assertThat(paths.has("/crm/users/{user_id}/erase")).isTrue();
    }

    @Test
    void deleteDeactivatesAndTheListHidesInactiveUsersByDefault() {
        String id = api.post("/crm/create_user", fullUser()).json().get("data").get("id").stringValue();

        HttpApi.Response response = api.delete("/crm/users/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("data").get("is_active").booleanValue()).isFalse();
        assertThat(api.get("/crm/users/" + id).json().get("data").get("is_active").booleanValue()).isFalse();
        assertThat(api.get("/crm/users").json().get("pagination").get("total").longValue()).isZero();
        assertThat(api.get("/crm/users?active_only=false").json().get("pagination").get("total").longValue()).isEqualTo(1);
        assertThat(api.put("/crm/users/" + id, Map.of("is_active", true)).json().get("data").get("is_active").booleanValue()).isTrue();
        assertThat(api.get("/crm/users").json().get("pagination").get("total").longValue()).isEqualTo(1);
    }

    @Test
    void upsertByExternalIdCreatesOnFirstSightAndReturnsTheSameContactAfterwards() {
        Map<String, Object> body = Map.of("name", "Jane Roe", "email", "jane@example.com", "metadata", Map.of("plan", "pro"));

        HttpApi.Response first = api.put("/crm/users/by-external-id/user_12345", body);
        HttpApi.Response second = api.put("/crm/users/by-external-id/user_12345", Map.of("name", "Someone Else"));

        assertThat(first.status()).isEqualTo(201);
        JsonNode created = first.json().get("data");
        assertThat(created.get("created").booleanValue()).isTrue();
        assertThat(created.get("name").stringValue()).isEqualTo("Jane Roe");
        assertThat(created.get("external_ids").get(0).stringValue()).isEqualTo("user_12345");
        assertThat(created.get("metadata").get("plan").stringValue()).isEqualTo("pro");
        assertThat(second.status()).isEqualTo(200);
        JsonNode found = second.json().get("data");
        assertThat(found.get("created").booleanValue()).isFalse();
        assertThat(found.get("id").stringValue()).isEqualTo(created.get("id").stringValue());
        assertThat(found.get("name").stringValue()).as("a known name is kept").isEqualTo("Jane Roe");
        assertThat(api.get("/crm/users/user_12345").json().get("data").get("id").stringValue())
                .isEqualTo(created.get("id").stringValue());
    }

    @Test
    void upsertWithoutBodyCreatesAContactKnownOnlyByItsExternalId() {
        HttpApi.Response response = api.put("/crm/users/by-external-id/cust_xyz789", "");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("data").get("name").isNull()).isTrue();
        assertThat(response.json().get("data").get("email").isNull()).isTrue();
    }

    @Test
    void upsertByTheInternalIdFindsTheContactCreatedThroughTheCrm() {
        String id = api.post("/crm/create_user", fullUser()).json().get("data").get("id").stringValue();

        HttpApi.Response response = api.put("/crm/users/by-external-id/" + id, "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("data").get("id").stringValue()).isEqualTo(id);
        assertThat(api.get("/crm/users?active_only=false").json().get("pagination").get("total").longValue()).isEqualTo(1);
    }

    @Test
    void upsertOfANewExternalIdWithAKnownEmailLinksItToThatContact() {
        String id = api.post("/crm/create_user", fullUser()).json().get("data").get("id").stringValue();

        HttpApi.Response response = api.put("/crm/users/by-external-id/web-42", Map.of("email", "JOHN@example.com"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("data").get("id").stringValue()).isEqualTo(id);
        assertThat(response.json().get("data").get("external_ids").get(0).stringValue()).isEqualTo("web-42");
        assertThat(api.get("/crm/users/web-42").json().get("data").get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void duplicateEmailInOneTenantIs409NamingTheField() {
        api.post("/crm/create_user", user("First", "dup@example.com"));

        HttpApi.Response response = api.post("/crm/create_user", user("Second", "DUP@example.com"));

        assertThat(response.status()).isEqualTo(409);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").stringValue()).isEqualTo("CONFLICT");
        assertThat(error.get("field").stringValue()).isEqualTo("email");
        assertThat(response.json().get("success").booleanValue()).isFalse();
        assertThat(api.get("/crm/users").json().get("pagination").get("total").longValue()).isEqualTo(1);
    }

    @Test
    void anExternalIdAlreadyInUseIs409NamingTheField() {
        api.post("/crm/create_user", Map.of("name", "A", "email", "a@example.com", "external_id", "cust-1"));

        HttpApi.Response response = api.post("/crm/create_user", Map.of("name", "B", "email", "b@example.com", "external_id", "cust-1"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("error").get("field").stringValue()).isEqualTo("external_id");
        assertThat(api.get("/crm/users?email=b@example.com").json().get("data")).isEmpty();
    }

    @Test
    void updatingToAnotherUsersEmailIs409() {
        api.post("/crm/create_user", user("First", "first@example.com"));
        String second = api.post("/crm/create_user", user("Second", "second@example.com")).json().get("data").get("id").stringValue();

        HttpApi.Response response = api.put("/crm/users/" + second, Map.of("email", "first@example.com"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("error").get("field").stringValue()).isEqualTo("email");
        assertThat(api.get("/crm/users/" + second).json().get("data").get("email").stringValue()).isEqualTo("second@example.com");
    }

    @Test
    void sameEmailInTwoTenantsIsFine() {
        HttpApi other = HttpApi.at(port).asTenant(TestTokens.newTenant());

        assertThat(api.post("/crm/create_user", user("A", "shared@example.com")).status()).isEqualTo(200);
        assertThat(other.post("/crm/create_user", user("B", "shared@example.com")).status()).isEqualTo(200);
    }

    @Test
    void malformedEmailIsAValidationErrorOnEmail() {
        assertValidationError(api.post("/crm/create_user", user("John", "not-an-email")), "email");
        assertValidationError(api.post("/crm/create_user", user("John", "john@localhost")), "email");
        assertValidationError(api.post("/crm/create_user", user("John", "john@@example.com")), "email");
    }

    @Test
    void missingNameOrEmailIsAValidationErrorOnThatField() {
        assertValidationError(api.post("/crm/create_user", Map.of("email", "john@example.com")), "name");
        assertValidationError(api.post("/crm/create_user", Map.of("name", "John")), "email");
        assertValidationError(api.post("/crm/create_user", user("  ", "john@example.com")), "name");
        HttpApi.Response response = api.post("/crm/create_user", Map.of("name", "John"));
        assertThat(response.json().get("error").get("message").stringValue()).isEqualTo("Email is required");
    }

    @Test
    void unknownFieldsAreRejectedNamingTheField() {
        Map<String, Object> body = user("John", "john@example.com");
        body.put("is_admin", true);

        assertValidationError(api.post("/crm/create_user", body), "is_admin");
        assertValidationError(api.put("/crm/users/by-external-id/x1", Map.of("nickname", "J")), "nickname");
    }

    @Test
    void oversizedValuesAreRejectedNamingTheField() {
        assertValidationError(api.post("/crm/create_user", with("name", "n".repeat(201))), "name");
        assertValidationError(api.post("/crm/create_user", with("company", "c".repeat(201))), "company");
        assertValidationError(api.post("/crm/create_user", with("role", "r".repeat(101))), "role");
        assertValidationError(api.post("/crm/create_user", with("phone", "1".repeat(41))), "phone");
        assertValidationError(api.post("/crm/create_user", with("preferences", Map.of("blob", "x".repeat(17 * 1024)))), "preferences");
        assertThat(api.post("/crm/create_user", with("name", "n".repeat(200))).status()).isEqualTo(200);
    }

    @Test
    void wrongTypesAndBadPhonesAreRejectedNamingTheField() {
        assertValidationError(api.post("/crm/create_user", with("phone", "call me maybe")), "phone");
        assertValidationError(api.post("/crm/create_user", with("preferences", List.of("a"))), "preferences");
        assertValidationError(api.post("/crm/create_user", with("name", 42)), "name");
        assertThat(api.post("/crm/create_user", with("phone", "+1 (555) 123-4567 ext 89")).status()).isEqualTo(200);
    }

    @Test
    void badPaginationParametersAreValidationErrors() {
        assertValidationError(api.get("/crm/users?per_page=101"), "per_page");
        assertValidationError(api.get("/crm/users?per_page=0"), "per_page");
        assertValidationError(api.get("/crm/users?page=0"), "page");
        assertValidationError(api.get("/crm/users?active_only=maybe"), "active_only");
    }

    @Test
    void requestWithoutInternalTokenIs401InTheContractsShape() {
        HttpApi.Response response = HttpApi.at(port).get("/crm/users");

        assertUnauthorized(response);
    }

    @Test
    void requestWithAForgedInternalTokenIs401() {
        String forged = new InternalTokenCodec("some-other-secret-that-is-long-enough-32b", Duration.ofMinutes(5))
                .sign(new Identity(tenant, "attacker", Scopes.STANDARD, "api_key"));

        assertUnauthorized(HttpApi.at(port).withHeader(PlatformHeaders.INTERNAL_TOKEN, forged).get("/crm/users"));
        assertUnauthorized(HttpApi.at(port).withHeader(PlatformHeaders.TENANT_ID, tenant).withHeader("X-User-Id", "admin")
                .post("/crm/create_user", user("John", "john@example.com")));
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = user("John", "john+" + System.nanoTime() + "@example.com");
        body.put(field, value);
        return body;
    }

    static void assertValidationError(HttpApi.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(names(body)).containsExactly("success", "error", "metadata");
        assertThat(body.get("success").booleanValue()).isFalse();
        assertThat(names(body.get("error"))).containsExactly("code", "message", "details", "field");
        assertThat(body.get("error").get("code").stringValue()).isEqualTo("VALIDATION_ERROR");
        assertThat(body.get("error").get("field").stringValue()).isEqualTo(field);
        assertThat(names(body.get("metadata"))).containsExactly("response_time", "timestamp", "request_id");
    }

    static void assertUnauthorized(HttpApi.Response response) {
        assertThat(response.status()).isEqualTo(401);
        JsonNode body = response.json();
        assertThat(body.get("success").booleanValue()).isFalse();
        assertThat(body.get("error").get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("metadata").get("request_id").stringValue()).isNotBlank();
    }

    static void assertAgentsMetadata(JsonNode metadata) {
        assertThat(names(metadata)).containsExactly("response_time", "timestamp");
        assertThat(metadata.get("response_time").isNumber()).isTrue();
        assertThat(Instant.parse(metadata.get("timestamp").stringValue())).isCloseTo(Instant.now(), within());
    }

    static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        Iterator<String> it = node.propertyNames().iterator();
        it.forEachRemaining(names::add);
        return names;
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, java.time.temporal.ChronoUnit.MINUTES);
    }
}
