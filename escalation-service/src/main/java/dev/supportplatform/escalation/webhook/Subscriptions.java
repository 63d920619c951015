package dev.supportplatform.escalation.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook subscriptions, always within one tenant. */
@Component
public class Subscriptions {

    public record Subscription(UUID id, String tenantId, String url, String description, List<String> events, String secret,
                               boolean active, String disabledReason, Instant disabledAt, int consecutiveFailures,
                               Instant createdAt, Instant updatedAt) {
    }

    private static final RowMapper<Subscription> MAPPER = (rs, i) -> new Subscription(rs.getObject("id", UUID.class),
            rs.getString("tenant_id"), rs.getString("url"), rs.getString("description"),
            Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getString("secret"), rs.getBoolean("active"),
            rs.getString("disabled_reason"), instant(rs.getTimestamp("disabled_at")), rs.getInt("consecutive_failures"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));

    private final JdbcTemplate jdbc;

    public Subscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Subscription create(String tenantId, String url, String description, List<String> events) {
        Timestamp now = Timestamp.from(Instant.now());
        UUID id = UUID.randomUUID();
        jdbc.update("insert into webhook_subscription (id, tenant_id, url, description, events, secret, active, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, true, ?, ?)", id, tenantId, url, description, events.toArray(String[]::new),
                WebhookSigner.newSecret(), now, now);
        return find(tenantId, id).orElseThrow();
    }

    public List<Subscription> list(String tenantId) {
        return jdbc.query("select * from webhook_subscription where tenant_id = ? order by created_at, id", MAPPER, tenantId);
    }

    public Optional<Subscription> find(String tenantId, UUID id) {
        return jdbc.query("select * from webhook_subscription where tenant_id = ? and id = ?", MAPPER, tenantId, id).stream().findFirst();
    }

    /** Re-enabling clears the automatic disabling and the failure count; the deliveries it held back then resume. */
    public void update(String tenantId, UUID id, String url, String description, List<String> events, Boolean active) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("update webhook_subscription set url = coalesce(?, url), description = coalesce(?, description), "
                        + "events = coalesce(?, events), updated_at = ? where tenant_id = ? and id = ?",
                url, description, events == null ? null : events.toArray(String[]::new), now, tenantId, id);
        if (Boolean.TRUE.equals(active)) {
            jdbc.update("update webhook_subscription set active = true, disabled_reason = null, disabled_at = null, "
                    + "consecutive_failures = 0 where tenant_id = ? and id = ? and not active", tenantId, id);
        } else if (Boolean.FALSE.equals(active)) {
            jdbc.update("update webhook_subscription set active = false, disabled_reason = 'Disabled by the client', disabled_at = ? "
                    + "where tenant_id = ? and id = ? and active", now, tenantId, id);
        }
    }

    public boolean delete(String tenantId, UUID id) {
        return jdbc.update("delete from webhook_subscription where tenant_id = ? and id = ?", tenantId, id) > 0;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
