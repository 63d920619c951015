package dev.supportplatform.crm.contact;

import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.common.service.web.RequestTiming;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** agents.md's CRM API, plus update, deactivate and the upsert by external id that chat-service calls. */
@RestController
@RequestMapping("/crm")
@Tag(name = "CRM", description = "Contacts (agents.md's users). Errors use agents.md's error shape.")
public class ContactController {

    private final ContactService contacts;
    private final ContactReads reads;

    public ContactController(ContactService contacts, ContactReads reads) {
        this.contacts = contacts;
        this.reads = reads;
    }

    @PostMapping("/create_user")
    @Operation(summary = "Create a user", description = "name and email are required; the email must be unique "
            + "within the tenant (409). Unknown fields are rejected. Emits contact.created.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ContactSchemas.CreateUser.class)))
    public Map<String, Object> create(@RequestBody(required = false) JsonNode body) {
        return ok(ContactViews.contact(contacts.create(ContactFields.forCreate(body))));
    }

    @GetMapping("/users/{user_id}")
    @Operation(summary = "Get a user with stats", description = "user_id is the contact's id or one of its external ids "
            + "(support.md's customer_id, platform.md's user_id). Stats come from chat events.")
    public Map<String, Object> get(@PathVariable("user_id") String userId) {
        ContactReads.Found found = reads.find(IdentityContext.requireTenant(), userId).orElseThrow(() -> ContactNotFound.of(userId));
        return ok(ContactViews.contactWithStats(found.contact(), found.stats()));
    }

    @GetMapping("/users")
    @Operation(summary = "List users", description = "Newest first. page >= 1; per_page 1..100 (default 10); "
            + "active_only (default true); email narrows the list to the user with that email (case-insensitive).")
    public Map<String, Object> list(@RequestParam(value = "page", defaultValue = "1") int page,
                                    @RequestParam(value = "per_page", defaultValue = "10") int perPage,
                                    @RequestParam(value = "active_only", defaultValue = "true") boolean activeOnly,
                                    @Parameter(description = "exact email, case-insensitive")
                                    @RequestParam(value = "email", required = false) String email) {
        if (page < 1) {
            throw ApiException.invalid("page", "page must be at least 1");
        }
        if (perPage < 1 || perPage > 100) {
            throw ApiException.invalid("per_page", "per_page must be between 1 and 100");
        }
        if (email != null && !email.isBlank()) {
            List<ContactListQuery.Row> match = reads.findByEmail(IdentityContext.requireTenant(), email.trim())
                    .filter(found -> !activeOnly || found.contact().active())
                    .map(found -> ContactListQuery.Row.of(found.contact())).stream().toList();
            return Envelopes.agentsPage(page == 1 ? match.stream().map(ContactViews::listItem).toList() : List.of(), page,
                    perPage, match.size(), RequestTiming.currentElapsedSeconds(), Instant.now());
        }
        ContactListQuery.Page result = contacts.list(page, perPage, activeOnly);
        return Envelopes.agentsPage(result.rows().stream().map(ContactViews::listItem).toList(), page, perPage,
                result.total(), RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    @PutMapping("/users/{user_id}")
    @Operation(summary = "Update a user", description = "Partial: only the fields sent change; null clears phone, "
            + "company, role or preferences; is_active re-activates or deactivates. Emits contact.updated.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ContactSchemas.UpdateUser.class)))
    public Map<String, Object> update(@PathVariable("user_id") String userId, @RequestBody(required = false) JsonNode body) {
        return ok(ContactViews.contact(contacts.update(userId, ContactFields.forUpdate(body))));
    }

    @PatchMapping("/users/{user_id}")
    @Operation(summary = "Update a user (same as PUT)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ContactSchemas.UpdateUser.class)))
    public Map<String, Object> patch(@PathVariable("user_id") String userId, @RequestBody(required = false) JsonNode body) {
        return update(userId, body);
    }

    @DeleteMapping("/users/{user_id}")
    @Operation(summary = "Deactivate a user", description = "Sets is_active to false (the record stays; see erase). "
            + "Emits contact.updated.")
    public Map<String, Object> deactivate(@PathVariable("user_id") String userId) {
        return ok(ContactViews.contact(contacts.deactivate(userId)));
    }

    @PutMapping("/users/by-external-id/{external_id}")
    @Operation(summary = "Find or create the contact another service knows by an external id",
            description = "For chat-service: returns the contact whose id or external id is external_id; creates it on "
                    + "first sight (201, contact.created). An unknown external id with the email of an existing contact is "
                    + "linked to that contact. Known contacts keep their data: only a missing name or email is filled in, "
                    + "metadata keys are merged. data has the contact, external_ids, metadata and created.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
            content = @Content(schema = @Schema(implementation = ContactSchemas.UpsertContact.class)))
    public ResponseEntity<Map<String, Object>> upsert(@PathVariable("external_id") String externalId,
                                                      @RequestBody(required = false) JsonNode body) {
        ContactService.Upserted result = contacts.upsertByExternalId(ContactFields.forUpsert(externalId, body));
        Map<String, Object> data = ContactViews.contactWithIds(result.contact(), result.externalIds());
        data.put("created", result.created());
        return ResponseEntity.status(result.created() ? 201 : 200).body(ok(data));
    }

    static Map<String, Object> ok(Object data) {
        return Envelopes.agents(data, RequestTiming.currentElapsedSeconds(), Instant.now());
    }
}
