package dev.supportplatform.e2e;

import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A response as a contract documents it (its example or schema JSON), compared field by field with what the platform
 * sent: every documented field present, with the documented type (number, integer, string, boolean, object, array;
 * timestamps parse as ISO date-times, dates as dates), one of the documented values where the contract lists them
 * ("active|completed|archived", "(user/assistant)"), and the fixed values a test names. support.md's descriptors
 * ("float - ...", "string (optional) - ...") are read as types; "(optional)" and "(if ...)" fields may be null or absent.
 * Mismatches read "where: path: expected X, actual Y".
 */
final class DocumentedShape {

    private static final Pattern DESCRIPTOR = Pattern.compile("^(string|float|integer|boolean|int)\\b.*", Pattern.DOTALL);
    private static final Pattern PIPE_ENUM = Pattern.compile("^[a-z_]+(\\|[a-z_]+)+$");
    private static final Pattern SLASH_ENUM = Pattern.compile("\\(([a-z_]+(?:/[a-z_]+)+)\\)");
    private static final Pattern DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private final String where;
    private final JsonNode documented;
    private final Set<String> nullable = new HashSet<>();
    private final Set<String> maps = new HashSet<>();
    private final Set<String> numbers = new HashSet<>();
    private final Map<String, Object> fixed = new LinkedHashMap<>();

    private DocumentedShape(String where, JsonNode documented) {
        this.where = where;
        this.documented = documented;
    }

    static DocumentedShape of(String where, JsonNode documented) {
        return new DocumentedShape(where, documented);
    }

    /** Paths (e.g. "data.phone", "rag_context[].metadata") that may be null or absent, each for a reason the test gives. */
    DocumentedShape nullable(String... paths) {
        nullable.addAll(List.of(paths));
        return this;
    }

    /** Paths whose documented object is an example map (keys vary, e.g. model names): only its values' type counts. */
    DocumentedShape maps(String... paths) {
        maps.addAll(List.of(paths));
        return this;
    }

    /**
     * Paths whose documented example is a whole number but whose value is a rate or mean (any number is right), each for
     * a reason the test gives.
     */
    DocumentedShape numbers(String... paths) {
        numbers.addAll(List.of(paths));
        return this;
    }

    /** A value the contract fixes (e.g. success: true); path as above, value a String, Boolean or Number. */
    DocumentedShape expect(String path, Object value) {
        fixed.put(path, value);
        return this;
    }

    List<String> mismatches(JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("", documented, actual, out);
        fixed.forEach((path, value) -> {
            JsonNode node = at(actual, path);
            String found = node == null || node.isMissingNode() ? "missing" : node.toString();
            boolean same = node != null && !node.isMissingNode() && (value instanceof Number n
                    ? node.isNumber() && node.decimalValue().compareTo(new java.math.BigDecimal(n.toString())) == 0
                    : Objects.equals(node.isString() ? node.asString() : node.isBoolean() ? node.asBoolean() : node.toString(), value));
            if (!same) {
                out.add(where + ": " + path + ": expected " + value + ", actual " + found);
            }
        });
        return out;
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            Matcher m = Pattern.compile("^(\\w+)\\[(\\d+)]$").matcher(part);
            current = m.matches() ? current.path(m.group(1)).path(Integer.parseInt(m.group(2))) : current.path(part);
        }
        return current;
    }

    private void compare(String path, JsonNode doc, JsonNode actual, List<String> out) {
        if (doc == null || doc.isNull()) {
            return;
        }
        boolean absent = actual == null || actual.isMissingNode();
        if (absent || actual.isNull()) {
            if (!optional(doc) && !nullable.contains(path)) {
                out.add(where + ": " + label(path) + ": expected " + expected(doc) + ", actual " + (absent ? "missing" : "null"));
            }
            return;
        }
        if (doc.isObject()) {
            if (!actual.isObject()) {
                out.add(where + ": " + label(path) + ": expected an object, actual " + brief(actual));
            } else if (maps.contains(path)) {
                JsonNode template = doc.properties().stream().map(Map.Entry::getValue).findFirst().orElse(null);
                for (Map.Entry<String, JsonNode> e : actual.properties()) {
                    compare(join(path, e.getKey()), template, e.getValue(), out);
                }
            } else {
                for (Map.Entry<String, JsonNode> e : doc.properties()) {
                    compare(join(path, e.getKey()), e.getValue(), actual.get(e.getKey()), out);
                }
            }
        } else if (doc.isArray()) {
            if (!actual.isArray()) {
                out.add(where + ": " + label(path) + ": expected an array, actual " + brief(actual));
            } else if (!doc.isEmpty()) {
                for (JsonNode element : actual) {
                    compare(path + "[]", doc.get(0), element, out);
                }
            }
        } else if (doc.isNumber()) {
            if (!actual.isNumber() || (doc.isIntegralNumber() && !actual.isIntegralNumber() && !numbers.contains(path))) {
                out.add(where + ": " + label(path) + ": expected " + expected(doc) + ", actual " + brief(actual));
            }
        } else if (doc.isBoolean()) {
            if (!actual.isBoolean()) {
                out.add(where + ": " + label(path) + ": expected a boolean, actual " + brief(actual));
            }
        } else if (doc.isString()) {
            compareDescribed(path, doc.asString(), actual, out);
        }
    }

    private void compareDescribed(String path, String doc, JsonNode actual, List<String> out) {
        String problem = null;
        Matcher descriptor = DESCRIPTOR.matcher(doc);
        String type = descriptor.matches() ? descriptor.group(1) : "string";
        switch (type) {
            case "float" -> problem = actual.isNumber() ? null : "a number";
            case "integer", "int" -> problem = actual.isIntegralNumber() ? null : "an integer";
            case "boolean" -> problem = actual.isBoolean() ? null : "a boolean";
            default -> problem = actual.isString() ? null : "a string";
        }
        if (problem == null && actual.isString()) {
            String value = actual.asString();
            List<String> allowed = allowedValues(doc);
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                problem = "one of " + allowed;
            } else if (!descriptor.matches() && DATE_TIME.matcher(doc).matches() && !isDateTime(value)) {
                problem = "an ISO date-time";
            } else if (!descriptor.matches() && DATE.matcher(doc).matches() && !isDate(value)) {
                problem = "an ISO date";
            }
        }
        if (problem != null) {
            out.add(where + ": " + label(path) + ": expected " + problem + " (documented \"" + doc + "\"), actual " + brief(actual));
        }
    }

    private static List<String> allowedValues(String doc) {
        if (PIPE_ENUM.matcher(doc).matches()) {
            return List.of(doc.split("\\|"));
        }
        Matcher slash = SLASH_ENUM.matcher(doc);
        return slash.find() ? List.of(slash.group(1).split("/")) : List.of();
    }

    private static boolean isDateTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean optional(JsonNode doc) {
        return doc.isString() && (doc.asString().contains("(optional") || doc.asString().contains("(if "));
    }

    private static String expected(JsonNode doc) {
        if (doc.isObject()) {
            return "an object";
        }
        if (doc.isArray()) {
            return "an array";
        }
        if (doc.isNumber()) {
            return doc.isIntegralNumber() ? "an integer" : "a number";
        }
        if (doc.isBoolean()) {
            return "a boolean";
        }
        return "\"" + doc.asString() + "\"";
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String label(String path) {
        return path.isEmpty() ? "(body)" : path;
    }

    private static String brief(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
