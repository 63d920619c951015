package dev.supportplatform.crm.contact;

import tools.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The contact fields a client may send and their rules, for create (every required field present) and update (only
 * the fields present change; an explicit null clears an optional field).
 */
record ContactFields(String name, String email, String phone, String company, String role, String preferences,
                     Boolean active, String externalId, String metadata, Set<String> present) {

    static final int NAME_MAX = 200;
    static final int EMAIL_MAX = 254;
    static final int COMPANY_MAX = 200;
    static final int ROLE_MAX = 100;
    static final int PHONE_MAX = 40;
    static final int EXTERNAL_ID_MAX = 200;
    static final int JSON_MAX_BYTES = 16 * 1024;

    /** Local part and a dotted domain of letters, digits and hyphens: catches the malformed, accepts the real. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    /** Digits with the usual separators, an optional leading +, and an optional extension. */
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().\\-]{3,32}(?:\\s*(?:x|ext\\.?)\\s*[0-9]{1,6})?$");
    /** Printable, no whitespace at either end, no slashes (it is a path segment). */
    private static final Pattern EXTERNAL_ID = Pattern.compile("^[^\\s/\\p{Cntrl}](?:[^/\\p{Cntrl}]*[^\\s/\\p{Cntrl}])?$");

    private static final Set<String> CREATE_FIELDS = Set.of("name", "email", "phone", "company", "role", "preferences", "external_id");
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "email", "phone", "company", "role", "preferences", "is_active");
    private static final Set<String> UPSERT_FIELDS = Set.of("name", "email", "metadata");

    /** POST /crm/create_user: name and email required. */
    static ContactFields forCreate(JsonNode body) {
        StrictBody in = StrictBody.of(body, CREATE_FIELDS);
        ContactFields fields = read(in);
        String externalId = in.text("external_id", EXTERNAL_ID_MAX);
        if (externalId != null && !in.hasViolation("external_id")) {
            checkExternalId(in, externalId);
        }
        require(in, "name", fields.name());
        require(in, "email", fields.email());
        in.throwIfInvalid();
        return new ContactFields(fields.name(), fields.email(), fields.phone(), fields.company(), fields.role(),
                fields.preferences(), null, externalId, null, fields.present());
    }

    /** PUT/PATCH /crm/users/{id}: any subset; name and email cannot be cleared. */
    static ContactFields forUpdate(JsonNode body) {
        StrictBody in = StrictBody.of(body, UPDATE_FIELDS);
        ContactFields fields = read(in);
        Boolean active = in.bool("is_active");
        for (String required : new String[]{"name", "email", "is_active"}) {
            if (in.has(required) && !in.hasViolation(required) && blankOrNull(required, fields, active)) {
                in.violation(required, required + " cannot be empty");
            }
        }
        in.throwIfInvalid();
        return new ContactFields(fields.name(), fields.email(), fields.phone(), fields.company(), fields.role(),
                fields.preferences(), active, null, null, fields.present());
    }

    /** PUT /crm/users/by-external-id/{id}: what a service knows about the person, all optional. */
    static ContactFields forUpsert(String externalId, JsonNode body) {
        StrictBody in = StrictBody.of(body, UPSERT_FIELDS);
        if (externalId.length() > EXTERNAL_ID_MAX) {
            in.violation("external_id", "external_id must be at most " + EXTERNAL_ID_MAX + " characters");
        } else {
            checkExternalId(in, externalId);
        }
        String name = emptyToNull(in.text("name", NAME_MAX));
        String email = emptyToNull(in.text("email", EMAIL_MAX));
        if (email != null && !in.hasViolation("email") && !EMAIL.matcher(email).matches()) {
            in.violation("email", "email is not a valid email address");
        }
        String metadata = in.object("metadata", JSON_MAX_BYTES);
        in.throwIfInvalid();
        return new ContactFields(name, email, null, null, null, null, null, externalId, metadata, Set.of());
    }

    private static ContactFields read(StrictBody in) {
        String name = in.text("name", NAME_MAX);
        String email = in.text("email", EMAIL_MAX);
        if (email != null && !email.isEmpty() && !in.hasViolation("email") && !EMAIL.matcher(email).matches()) {
            in.violation("email", "email is not a valid email address");
        }
        String phone = emptyToNull(in.text("phone", PHONE_MAX));
        if (phone != null && !in.hasViolation("phone") && !validPhone(phone)) {
            in.violation("phone", "phone must be digits with optional +, spaces, dots, dashes or parentheses");
        }
        String company = emptyToNull(in.text("company", COMPANY_MAX));
        String role = emptyToNull(in.text("role", ROLE_MAX));
        String preferences = in.object("preferences", JSON_MAX_BYTES);
        Set<String> present = Stream.of("name", "email", "phone", "company", "role", "preferences")
                .filter(in::has).collect(Collectors.toUnmodifiableSet());
        return new ContactFields(name, email, phone, company, role, preferences, null, null, null, present);
    }

    private static boolean validPhone(String phone) {
        long digits = phone.chars().filter(Character::isDigit).count();
        return digits >= 3 && PHONE.matcher(phone).matches();
    }

    private static void checkExternalId(StrictBody in, String externalId) {
        if (!EXTERNAL_ID.matcher(externalId).matches()) {
            in.violation("external_id", "external_id must be printable text without slashes or surrounding spaces");
        }
    }

    private static void require(StrictBody in, String field, String value) {
        if ((value == null || value.isEmpty()) && !in.hasViolation(field)) {
            in.violation(field, field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1) + " is required");
        }
    }

    private static boolean blankOrNull(String field, ContactFields fields, Boolean active) {
        return switch (field) {
            case "name" -> fields.name() == null || fields.name().isEmpty();
            case "email" -> fields.email() == null || fields.email().isEmpty();
            default -> active == null;
        };
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    boolean isPresent(String field) {
        return present.contains(field);
    }
}
