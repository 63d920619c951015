package dev.supportplatform.crm.activity;

import dev.supportplatform.crm.contact.ContactStats;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Activity rows and counters of contacts, in plain SQL: every statement names the tenant itself, because Hibernate's
 * tenant filter does not reach native SQL.
 */
@Component
public class ContactActivityStore {

    private final JdbcTemplate jdbc;

    public ContactActivityStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param lastActive null when the event is not the contact's own doing (an answer to them) */
    void record(String tenantId, UUID contactId, UUID eventId, String eventType, String conversationId, String messageId,
                String channel, Instant occurredAt, int conversations, int messages, Instant lastActive) {
        jdbc.update("""
                insert into contact_activity (tenant_id, contact_id, event_id, event_type, conversation_id, message_id, channel, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                tenantId, contactId, eventId, eventType, conversationId, messageId, channel, Timestamp.from(occurredAt));
        // Atomic increments: events of one contact's conversations arrive on several partitions at once.
        jdbc.update("""
                insert into contact_stats (contact_id, tenant_id, total_conversations, total_messages, last_active_at)
                values (?, ?, ?, ?, ?)
                on conflict (contact_id) do update set
                    total_conversations = contact_stats.total_conversations + excluded.total_conversations,
                    total_messages = contact_stats.total_messages + excluded.total_messages,
                    last_active_at = greatest(contact_stats.last_active_at, excluded.last_active_at)
                where contact_stats.tenant_id = excluded.tenant_id""",
                contactId, tenantId, conversations, messages, lastActive == null ? null : Timestamp.from(lastActive));
    }

    public ContactStats stats(String tenantId, UUID contactId) {
        List<ContactStats> rows = jdbc.query("""
                select total_conversations, total_messages, last_active_at from contact_stats
                where tenant_id = ? and contact_id = ?""",
                (rs, i) -> new ContactStats(rs.getLong(1), rs.getLong(2), instant(rs.getTimestamp(3))), tenantId, contactId);
        return rows.isEmpty() ? ContactStats.NONE : rows.getFirst();
    }

    /** Every activity row of the contact, oldest first, as the export shows it. */
    public List<Map<String, Object>> activity(String tenantId, UUID contactId) {
        return jdbc.query("""
                select event_id, event_type, conversation_id, message_id, channel, occurred_at from contact_activity
                where tenant_id = ? and contact_id = ? order by occurred_at, id""",
                (rs, i) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("event_id", rs.getString(1));
                    row.put("type", rs.getString(2));
                    row.put("conversation_id", rs.getString(3));
                    row.put("message_id", rs.getString(4));
                    row.put("channel", rs.getString(5));
                    row.put("occurred_at", instant(rs.getTimestamp(6)).toString());
                    return row;
                }, tenantId, contactId);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
