package dev.supportplatform.crm.contact;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.service.web.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A JSON object request body read strictly: an unknown field, a value of the wrong type or out of bounds is a
 * validation error that names the field. Collects every problem and reports them together.
 */
final class StrictBody {

    private final ObjectNode node;
    private final List<ApiError.FieldViolation> violations = new ArrayList<>();

    private StrictBody(ObjectNode node) {
        this.node = node;
    }

    /** @param body null (no body) reads as an empty object */
    static StrictBody of(JsonNode body, Set<String> allowed) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw ApiException.invalid("body", "The request body must be a JSON object");
        }
        StrictBody strict = new StrictBody(body instanceof ObjectNode object ? object : JsonMapper.shared().createObjectNode());
        for (String name : strict.node.propertyNames()) {
            if (!allowed.contains(name)) {
                strict.violation(name, "Unknown field: " + name);
            }
        }
        return strict;
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** The trimmed text of {@code field}; null when absent, null, or not a string (which is recorded). */
    String text(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            violation(field, field + " must be a string");
            return null;
        }
        String text = value.stringValue().trim();
        if (text.length() > maxLength) {
            violation(field, field + " must be at most " + maxLength + " characters");
        }
        return text;
    }

    Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            violation(field, field + " must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** A JSON object of at most {@code maxBytes} serialised; returned as JSON text, null when absent or null. */
    String object(String field, int maxBytes) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            violation(field, field + " must be a JSON object");
            return null;
        }
        String json = value.toString();
        if (json.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            violation(field, field + " must be at most " + maxBytes / 1024 + " KB of JSON");
        }
        return json;
    }

    void violation(String field, String message) {
        violations.add(new ApiError.FieldViolation(field, message, "value_error"));
    }

    boolean hasViolation(String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new ApiException(ApiError.validation(violations));
        }
    }
}
