package dev.supportplatform.escalation.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The deliveries table: rows written in the consumer's transaction, claimed by workers under a lease, completed with
 * the outcome of each attempt. A subscription's deliveries of one subject go out one at a time, oldest first.
 */
@Component
public class DeliveryStore {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** A claimed delivery with what it takes to send it. */
    public record Claimed(UUID id, String tenantId, UUID subscriptionId, String eventType, String payload, int attempts,
                          Instant createdAt, UUID leaseOwner, String url, String secret) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final WebhookProperties properties;
    private final RetrySchedule retries;

    public DeliveryStore(JdbcTemplate jdbc, TransactionTemplate tx, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        // ThreadLocalRandom per call: workers run on several threads.
        this.retries = new RetrySchedule(properties, () -> ThreadLocalRandom.current().nextLong());
    }

    /** Queues {@code body} for every active subscription of the tenant that chose its event; runs in the caller's transaction. */
    public int enqueue(String tenantId, UUID eventId, String subject, WebhookEvents.Body body) {
        return jdbc.update("insert into webhook_delivery (id, tenant_id, subscription_id, event_id, event_type, subject, contact_id, "
                        + "payload, status, next_attempt_at, created_at) "
                        + "select gen_random_uuid(), ?, s.id, ?, ?, ?, ?, ?, 'pending', now(), now() from webhook_subscription s "
                        + "where s.tenant_id = ? and s.active and ? = any(s.events) "
                        + "on conflict (subscription_id, event_id) where redelivery_of is null and event_id is not null do nothing",
                tenantId, eventId, body.event(), subject, body.contactId(), body.json(), tenantId, body.event());
    }

    /** Reserves up to {@code limit} due deliveries for {@code owner} until the lease runs out. */
    public List<Claimed> claim(UUID owner, int limit) {
        return jdbc.query("with claimed as ("
                        + " update webhook_delivery d set lease_owner = ?, lease_until = now() + make_interval(secs => ?)"
                        + " where d.id in ("
                        + "  select c.id from webhook_delivery c join webhook_subscription s on s.id = c.subscription_id"
                        + "  where c.status = 'pending' and c.next_attempt_at <= now()"
                        + "   and (c.lease_until is null or c.lease_until < now()) and s.active"
                        + "   and not exists (select 1 from webhook_delivery p where p.subscription_id = c.subscription_id"
                        + "                   and p.subject = c.subject and p.status = 'pending' and p.seq < c.seq)"
                        + "  order by c.next_attempt_at, c.seq limit ? for update of c skip locked)"
                        + " returning d.id, d.tenant_id, d.subscription_id, d.event_type, d.payload, d.attempts, d.created_at, d.lease_owner)"
                        + " select c.*, s.url, s.secret from claimed c join webhook_subscription s on s.id = c.subscription_id",
                (rs, i) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getObject("subscription_id", UUID.class),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant(), rs.getObject("lease_owner", UUID.class), rs.getString("url"),
                        rs.getString("secret")),
                owner, (double) properties.lease().toMillis() / 1000.0, limit);
    }

    /** Gives back deliveries claimed but not attempted (on shutdown), so another worker takes them at once. */
    public void release(List<Claimed> unsent) {
        for (Claimed c : unsent) {
            jdbc.update("update webhook_delivery set lease_owner = null, lease_until = null where id = ? and lease_owner = ?",
                    c.id(), c.leaseOwner());
        }
    }

    /** What became of an attempt: done, to be retried, or given up (the subscription is then disabled). */
    public enum Outcome { SUCCEEDED, RETRY, GIVEN_UP, FAILED_ONCE, LEASE_LOST }

    /**
     * Records an attempt. Only the lease holder may complete a delivery: if the lease expired and another worker took the
     * row, this result is dropped (the receiver may then see the delivery id twice, which is what it dedupes on).
     *
     * @param retry false for pings: one attempt, no backoff, no effect on the subscription's health
     */
    public Outcome complete(Claimed c, WebhookSender.Result result, boolean retry) {
        return tx.execute(status -> {
            Instant now = Instant.now();
            int attempts = c.attempts() + 1;
            Outcome outcome;
            int updated;
            if (result.succeeded()) {
                outcome = Outcome.SUCCEEDED;
                updated = jdbc.update("update webhook_delivery set status = 'succeeded', attempts = ?, last_response_code = ?, "
                                + "last_error = null, completed_at = ?, lease_owner = null, lease_until = null where id = ? and lease_owner = ?",
                        attempts, result.responseCode(), Timestamp.from(now), c.id(), c.leaseOwner());
            } else {
                Instant next = now.plus(retries.backoff(attempts));
                boolean giveUp = !retry || retries.givesUp(c.createdAt(), now);
                outcome = !retry ? Outcome.FAILED_ONCE : giveUp ? Outcome.GIVEN_UP : Outcome.RETRY;
                updated = jdbc.update("update webhook_delivery set status = ?, attempts = ?, last_response_code = ?, last_error = ?, "
                                + "next_attempt_at = ?, completed_at = ?, lease_owner = null, lease_until = null where id = ? and lease_owner = ?",
                        giveUp ? FAILED : PENDING, attempts, result.responseCode(), truncate(result.error()),
                        Timestamp.from(giveUp ? now : next), giveUp ? Timestamp.from(now) : null, c.id(), c.leaseOwner());
            }
            if (updated == 0) {
                return Outcome.LEASE_LOST;
            }
            jdbc.update("insert into webhook_attempt (delivery_id, attempted_at, response_code, error, duration_ms) values (?, ?, ?, ?, ?)",
                    c.id(), Timestamp.from(now), result.responseCode(), truncate(result.error()), (int) result.durationMs());
            if (retry) {
                if (outcome == Outcome.SUCCEEDED) {
                    jdbc.update("update webhook_subscription set consecutive_failures = 0 where id = ? and consecutive_failures <> 0",
                            c.subscriptionId());
                } else {
                    jdbc.update("update webhook_subscription set consecutive_failures = consecutive_failures + 1 where id = ?", c.subscriptionId());
                }
                if (outcome == Outcome.GIVEN_UP) {
                    jdbc.update("update webhook_subscription set active = false, disabled_at = ?, disabled_reason = ?, updated_at = ? "
                                    + "where id = ? and active",
                            Timestamp.from(now), "Disabled automatically: delivery " + c.id() + " (" + c.eventType() + ") failed "
                                    + attempts + " times over " + properties.retryWindow() + "; last error: " + truncate(result.error()),
                            Timestamp.from(now), c.subscriptionId());
                }
            }
            return outcome;
        });
    }

    /** A delivery as the management API lists it. */
    public record Delivery(UUID id, UUID webhookId, String event, UUID eventId, String subject, String status, int attempts,
                           Integer lastResponseCode, String lastError, Instant nextAttemptAt, Instant createdAt,
                           Instant completedAt, UUID redeliveryOf) {
    }

    public record Attempt(Instant attemptedAt, Integer responseCode, String error, int durationMs) {
    }

    private static final String DELIVERY_COLUMNS = "id, subscription_id, event_type, event_id, subject, status, attempts, "
            + "last_response_code, last_error, next_attempt_at, created_at, completed_at, redelivery_of";

    private static final RowMapper<Delivery> DELIVERY = (rs, i) -> new Delivery(rs.getObject("id", UUID.class),
            rs.getObject("subscription_id", UUID.class), rs.getString("event_type"), rs.getObject("event_id", UUID.class),
            rs.getString("subject"), rs.getString("status"), rs.getInt("attempts"), (Integer) rs.getObject("last_response_code"),
            rs.getString("last_error"), instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("completed_at")), rs.getObject("redelivery_of", UUID.class));

    public List<Delivery> list(String tenantId, UUID subscriptionId, String status, int limit) {
        return jdbc.query("select " + DELIVERY_COLUMNS + " from webhook_delivery where tenant_id = ? and subscription_id = ? "
                        + "and (cast(? as text) is null or status = ?) order by seq desc limit ?",
                DELIVERY, tenantId, subscriptionId, status, status, limit);
    }

    public Optional<Delivery> find(String tenantId, UUID subscriptionId, UUID deliveryId) {
        return jdbc.query("select " + DELIVERY_COLUMNS + " from webhook_delivery where tenant_id = ? and subscription_id = ? and id = ?",
                DELIVERY, tenantId, subscriptionId, deliveryId).stream().findFirst();
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return jdbc.query("select attempted_at, response_code, error, duration_ms from webhook_attempt where delivery_id = ? order by id",
                (rs, i) -> new Attempt(instant(rs.getTimestamp(1)), (Integer) rs.getObject(2), rs.getString(3), rs.getInt(4)), deliveryId);
    }

    public String payload(UUID deliveryId) {
        return jdbc.queryForObject("select payload from webhook_delivery where id = ?", String.class, deliveryId);
    }

    /** A new delivery (new id) of an earlier one's body: the client asked for it again, so receivers must not dedupe it. */
    public UUID redeliver(String tenantId, UUID subscriptionId, UUID deliveryId) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into webhook_delivery (id, tenant_id, subscription_id, event_id, event_type, subject, contact_id, payload, "
                + "status, next_attempt_at, redelivery_of, created_at) select ?, tenant_id, subscription_id, event_id, event_type, subject, "
                + "contact_id, payload, 'pending', now(), id, now() from webhook_delivery where tenant_id = ? and subscription_id = ? and id = ?",
                id, tenantId, subscriptionId, deliveryId);
        return id;
    }

    /** A ping row, already leased to {@code owner} so that the worker leaves it to the request that sends it. */
    public Claimed insertPing(Subscriptions.Subscription s, String payload, UUID owner) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.update("insert into webhook_delivery (id, tenant_id, subscription_id, event_type, subject, payload, status, next_attempt_at, "
                        + "lease_owner, lease_until, created_at) values (?, ?, ?, ?, ?, ?, 'pending', now(), ?, now() + make_interval(secs => ?), now())",
                id, s.tenantId(), s.id(), WebhookEvents.PING, "ping:" + id, payload, owner, (double) properties.lease().toSeconds());
        return new Claimed(id, s.tenantId(), s.id(), WebhookEvents.PING, payload, 0, now, owner, s.url(), s.secret());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
