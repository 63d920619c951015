package dev.supportplatform.common.dialect;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each dialect's 400, 401, 404 and 500 bodies carry exactly the fields its contract's error format shows, plus the
 * request id, and are sent with the contract's status.
 */
class ErrorBodiesTest {

    private static final Instant NOW = Instant.parse("2026-01-12T15:30:00.123456Z");
    private static final String REQUEST_ID = "req_abc123def456";

    private static final ApiError BAD_REQUEST = ApiError.validation("email", "Email is required");
    private static final ApiError UNAUTHORIZED = ApiError.of(ErrorKind.UNAUTHORIZED, "Authentication required",
            "Requests must come through the gateway with a valid credential");
    private static final ApiError NOT_FOUND = ApiError.of(ErrorKind.NOT_FOUND, "User not found", "User with ID 'user123' does not exist");
    private static final ApiError INTERNAL = ApiError.of(ErrorKind.INTERNAL, "Internal server error");

    private static Map<String, Object> render(Dialect dialect, ApiError error) {
        return ErrorBodies.render(dialect, error, REQUEST_ID, NOW, 0.012);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> body, String key) {
        return (Map<String, Object>) body.get(key);
    }

    // --- agents.md: {success: false, error: {code, message, details, field?}, metadata: {response_time, timestamp, request_id}}

    @Test
    void agentsErrorsHaveTheEnvelopeWithCodeAndMetadata() {
        Map<ApiError, String> codes = Map.of(BAD_REQUEST, "VALIDATION_ERROR", UNAUTHORIZED, "UNAUTHORIZED",
                NOT_FOUND, "NOT_FOUND", INTERNAL, "INTERNAL_ERROR");
        codes.forEach((error, code) -> {
            Map<String, Object> body = render(Dialect.AGENTS, error);
            assertThat(body).containsOnlyKeys("success", "error", "metadata").containsEntry("success", false);
            String[] errorFields = error.field() != null
                    ? new String[]{"code", "message", "details", "field"} : new String[]{"code", "message", "details"};
            assertThat(object(body, "error")).containsOnlyKeys(errorFields)
                    .containsEntry("code", code).containsEntry("message", error.message());
            assertThat(object(body, "metadata")).containsOnlyKeys("response_time", "timestamp", "request_id")
                    .containsEntry("request_id", REQUEST_ID).containsEntry("timestamp", "2026-01-12T15:30:00.123Z");
            assertThat(ErrorBodies.status(Dialect.AGENTS, error)).isEqualTo(error.status());
        });
        assertThat(object(render(Dialect.AGENTS, BAD_REQUEST), "error")).containsOnlyKeys("code", "message", "details", "field")
                .containsEntry("field", "email");
        assertThat(object(render(Dialect.AGENTS, NOT_FOUND), "error")).containsOnlyKeys("code", "message", "details")
                .containsEntry("details", "User with ID 'user123' does not exist");
        assertThat(List.of(BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, INTERNAL)).extracting(ApiError::status).containsExactly(400, 401, 404, 500);
    }

    // --- support.md: {error: true, error_type, message, details, timestamp, request_id}

    @Test
    void supportErrorsAreFlatWithErrorType() {
        Map<ApiError, String> types = Map.of(BAD_REQUEST, "VALIDATION_ERROR", UNAUTHORIZED, "AUTHENTICATION_ERROR",
                NOT_FOUND, "NOT_FOUND_ERROR", INTERNAL, "INTERNAL_ERROR");
        types.forEach((error, type) -> {
            Map<String, Object> body = render(Dialect.SUPPORT, error);
            assertThat(body).containsOnlyKeys("error", "error_type", "message", "details", "timestamp", "request_id")
                    .containsEntry("error", true).containsEntry("error_type", type).containsEntry("message", error.message())
                    .containsEntry("timestamp", "2026-01-12T15:30:00.123Z").containsEntry("request_id", REQUEST_ID);
            assertThat(ErrorBodies.status(Dialect.SUPPORT, error)).isEqualTo(error.status());
        });
        assertThat(render(Dialect.SUPPORT, BAD_REQUEST)).containsEntry("details", "Invalid field: email");
    }

    // --- assistant.md: {detail, status_code, timestamp} (+ request_id); body validation as FastAPI's 422 detail list

    @Test
    void assistantErrorsCarryDetailAndStatusCode() {
        ApiError malformed = ApiError.of(ErrorKind.VALIDATION, "Malformed request body", "The request body is not valid JSON");
        for (ApiError error : List.of(malformed, UNAUTHORIZED, NOT_FOUND, INTERNAL)) {
            Map<String, Object> body = render(Dialect.ASSISTANT, error);
            assertThat(body).containsOnlyKeys("detail", "status_code", "timestamp", "request_id")
                    .containsEntry("detail", error.message()).containsEntry("status_code", error.status())
                    .containsEntry("request_id", REQUEST_ID);
            assertThat(ErrorBodies.status(Dialect.ASSISTANT, error)).isEqualTo(error.status());
        }
    }

    @Test
    void assistantFieldValidationIsA422WithPydanticStyleDetail() {
        ApiError invalid = ApiError.validation("sample_rate", "ensure this value is greater than or equal to 8000");
        Map<String, Object> body = render(Dialect.ASSISTANT, invalid);
        assertThat(body).containsOnlyKeys("detail", "status_code", "timestamp", "request_id").containsEntry("status_code", 422);
        assertThat(body.get("detail")).isEqualTo(List.of(Map.of("loc", List.of("body", "sample_rate"),
                "msg", "ensure this value is greater than or equal to 8000", "type", "value_error")));
        assertThat(ErrorBodies.status(Dialect.ASSISTANT, invalid)).isEqualTo(422);
    }

    // --- platform.md: {error: {code, message, details: {...}, request_id}}

    @Test
    void platformErrorsNestEverythingUnderError() {
        Map<ApiError, String> codes = Map.of(BAD_REQUEST, "invalid_request", UNAUTHORIZED, "unauthorized",
                NOT_FOUND, "not_found", INTERNAL, "internal_error");
        codes.forEach((error, code) -> {
            Map<String, Object> body = render(Dialect.PLATFORM, error);
            assertThat(body).containsOnlyKeys("error");
            assertThat(object(body, "error")).containsOnlyKeys("code", "message", "details", "request_id")
                    .containsEntry("code", code).containsEntry("message", error.message()).containsEntry("request_id", REQUEST_ID);
            assertThat(object(body, "error").get("details")).isInstanceOf(Map.class);
            assertThat(ErrorBodies.status(Dialect.PLATFORM, error)).isEqualTo(error.status());
        });
        assertThat(object(object(render(Dialect.PLATFORM, BAD_REQUEST), "error"), "details")).containsEntry("field", "email");
    }

    // --- conversations.md shows no error body: its envelope {success, message, data} is kept, with success false and
    // data null, plus error.code, timestamp and request_id.

    @Test
    void conversationsErrorsKeepTheEnvelope() {
        Map<ApiError, String> codes = Map.of(BAD_REQUEST, "VALIDATION_ERROR", UNAUTHORIZED, "UNAUTHORIZED",
                NOT_FOUND, "NOT_FOUND", INTERNAL, "INTERNAL_ERROR");
        codes.forEach((error, code) -> {
            Map<String, Object> body = render(Dialect.CONVERSATIONS, error);
            assertThat(body).containsOnlyKeys("success", "message", "data", "error", "timestamp", "request_id")
                    .containsEntry("success", false).containsEntry("message", error.message()).containsEntry("data", null)
                    .containsEntry("request_id", REQUEST_ID);
            assertThat(object(body, "error")).containsEntry("code", code);
            assertThat(ErrorBodies.status(Dialect.CONVERSATIONS, error)).isEqualTo(error.status());
        });
    }

    @Test
    void modelFailuresAre503LlmApiErrorsInSupportAnd502OpenAiErrorsInAgents() {
        ApiError modelDown = ApiError.of(ErrorKind.MODEL_ERROR, "The model did not answer");
        assertThat(ErrorBodies.status(Dialect.SUPPORT, modelDown)).isEqualTo(503);
        assertThat(render(Dialect.SUPPORT, modelDown)).containsEntry("error_type", "LLM_API_ERROR");
        assertThat(ErrorBodies.status(Dialect.AGENTS, modelDown)).isEqualTo(502);
        assertThat(object(render(Dialect.AGENTS, modelDown), "error")).containsEntry("code", "OPENAI_ERROR");
    }
}
