package dev.supportplatform.crm.contact;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The hot reads (a lookup by id, external id or email, with its stats) in one native statement each, naming the
 * tenant itself: Hibernate translates a query on a {@code @TenantId} entity anew on every execution (its tenant
 * filter keeps the plan out of the cache), which showed up in profiles of the lookup benchmark. Writes keep using the
 * tenant-scoped entities.
 */
@Component
public class ContactReads {

    public record Found(ContactData contact, ContactStats stats) {
    }

    private static final String SELECT = """
            select c.id, c.name, c.email, c.phone, c.company, c.role, c.preferences::text, c.metadata::text, c.is_active,
                   c.created_at, c.updated_at, s.total_conversations, s.total_messages, s.last_active_at
            """;

    private final JdbcTemplate jdbc;

    public ContactReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** By internal id first, then by external id, like {@link ContactService#resolve}. */
    public Optional<Found> find(String tenantId, String key) {
        Optional<UUID> internal = ContactService.parseUuid(key);
        if (internal.isPresent()) {
            Optional<Found> byId = first(jdbc.query(SELECT + """
                    from contacts c left join contact_stats s on s.contact_id = c.id
                    where c.tenant_id = ? and c.id = ?""", ContactReads::found, tenantId, internal.get()));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return first(jdbc.query(SELECT + """
                from contact_external_ids x join contacts c on c.id = x.contact_id
                left join contact_stats s on s.contact_id = c.id
                where x.tenant_id = ? and x.external_id = ? and c.tenant_id = ?""", ContactReads::found, tenantId, key, tenantId));
    }

    public Optional<Found> findByEmail(String tenantId, String email) {
        return first(jdbc.query(SELECT + """
                from contacts c left join contact_stats s on s.contact_id = c.id
                where c.tenant_id = ? and lower(c.email) = lower(?)""", ContactReads::found, tenantId, email));
    }

    private static Optional<Found> first(List<Found> rows) {
        return rows.stream().findFirst();
    }

    private static Found found(ResultSet rs, int i) throws SQLException {
        ContactData contact = new ContactData(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
                instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)));
        long conversations = rs.getLong(12);
        ContactStats stats = rs.wasNull() ? ContactStats.NONE
                : new ContactStats(conversations, rs.getLong(13), instant(rs.getTimestamp(14)));
        return new Found(contact, stats);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
