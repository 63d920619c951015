package dev.supportplatform.crm.contact;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** The request bodies as the OpenAPI document shows them; {@link ContactFields} reads and validates the real ones. */
final class ContactSchemas {

    private ContactSchemas() {
    }

    @Schema(name = "CreateUserRequest")
    record CreateUser(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 254, format = "email") String email,
            @Schema(maxLength = 40, example = "+1 (555) 123-4567") String phone,
            @Schema(maxLength = 200) String company,
            @Schema(maxLength = 100) String role,
            @Schema(description = "any JSON object up to 16 KB") Map<String, Object> preferences,
            @Schema(description = "an id another system knows this user by", maxLength = 200) String external_id) {
    }

    @Schema(name = "UpdateUserRequest")
    record UpdateUser(
            @Schema(maxLength = 200) String name,
            @Schema(maxLength = 254, format = "email") String email,
            @Schema(maxLength = 40) String phone,
            @Schema(maxLength = 200) String company,
            @Schema(maxLength = 100) String role,
            @Schema(description = "replaces the stored object; up to 16 KB") Map<String, Object> preferences,
            Boolean is_active) {
    }

    @Schema(name = "UpsertContactRequest")
    record UpsertContact(
            @Schema(maxLength = 200) String name,
            @Schema(maxLength = 254, format = "email") String email,
            @Schema(description = "merged into the stored metadata; up to 16 KB") Map<String, Object> metadata) {
    }
}
