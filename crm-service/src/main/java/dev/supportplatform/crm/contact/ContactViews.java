package dev.supportplatform.crm.contact;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contact as agents.md shows it, field for field and in its order. */
public final class ContactViews {

    private ContactViews() {
    }

    /** POST /crm/create_user's data. */
    public static Map<String, Object> contact(ContactData c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id());
        view.put("name", c.name());
        view.put("email", c.email());
        view.put("phone", c.phone());
        view.put("company", c.company());
        view.put("role", c.role());
        view.put("preferences", json(c.preferencesJson()));
        view.put("created_at", iso(c.createdAt()));
        view.put("updated_at", iso(c.updatedAt()));
        view.put("is_active", c.active());
        return view;
    }

    public static Map<String, Object> contact(Contact c) {
        return contact(ContactData.of(c));
    }

    /** GET /crm/users/{user_id}'s data: the contact and its stats. */
    public static Map<String, Object> contactWithStats(ContactData c, ContactStats stats) {
        Map<String, Object> view = contact(c);
        view.put("stats", stats(stats));
        return view;
    }

    /** The service-facing view (upsert, export): the contract's fields plus the external ids and metadata. */
    public static Map<String, Object> contactWithIds(Contact c, List<String> externalIds) {
        Map<String, Object> view = contact(c);
        view.put("external_ids", externalIds);
        view.put("metadata", json(c.getMetadata()));
        return view;
    }

    public static Map<String, Object> stats(ContactStats stats) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total_conversations", stats.totalConversations());
        view.put("total_messages", stats.totalMessages());
        view.put("last_active", iso(stats.lastActive()));
        return view;
    }

    /** One item of GET /crm/users. */
    public static Map<String, Object> listItem(ContactListQuery.Row row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("name", row.name());
        view.put("email", row.email());
        view.put("company", row.company());
        view.put("created_at", iso(row.createdAt()));
        view.put("is_active", row.active());
        return view;
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text == null ? "{}" : text);
    }
}
