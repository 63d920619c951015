package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.service.events.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records each missed first-response target once and publishes it as escalation.sla_breached, so that analytics can
 * count breaches even when nobody looks at the queue. Two paths, one guard:
 * <ul>
 *   <li>a scheduled scan finds unanswered tickets past their due time (rows locked with SKIP LOCKED, so replicas and
 *       concurrent agent actions never block each other or both publish);</li>
 *   <li>a first response that comes after the due time, before the scan noticed, records it on the spot.</li>
 * </ul>
 * Both set {@code sla_breached_at} only where it is still null, in the transaction that writes the event: at most one
 * event per ticket. Test tickets never breach (they publish nothing).
 */
@Component
public class SlaBreaches {

    private static final Logger log = LoggerFactory.getLogger(SlaBreaches.class);
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public SlaBreaches(JdbcTemplate jdbc, OutboxWriter outbox, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.tx = tx;
    }

    private record Breach(UUID id, String tenantId, String ticketId, String sessionId, String conversationId, String customerId,
                          String priority, String reason, int targetMinutes, Instant dueAt, Instant firstResponseAt) {
    }

    private static final String RETURNING = " returning id, tenant_id, ticket_id, session_id, conversation_id, customer_id, priority, "
            + "reason, sla_target_minutes, sla_due_at, first_response_at";

    private static final RowMapper<Breach> BREACH = (rs, i) -> new Breach(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
            rs.getTimestamp(10).toInstant(), rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant());

    /** Publishes every breach not yet recorded; returns how many. */
    @Scheduled(fixedDelayString = "${platform.escalation.sla-scan-interval:30s}", initialDelayString = "${platform.escalation.sla-scan-interval:30s}")
    public int scan() {
        int total = 0;
        int found;
        do {
            Integer published = tx.execute(status -> {
                Timestamp now = Timestamp.from(clock.instant());
                List<Breach> due = jdbc.query("update ticket set sla_breached_at = ? where id in (select id from ticket "
                        + "where first_response_at is null and sla_breached_at is null and not test and sla_due_at < ? "
                        + "order by sla_due_at limit ? for update skip locked)" + RETURNING, BREACH, now, now, BATCH);
                due.forEach(this::publish);
                return due.size();
            });
            found = published == null ? 0 : published;
            total += found;
        } while (found == BATCH);
        if (total > 0) {
            log.info("Published {} SLA breaches", total);
        }
        return total;
    }

    /**
     * A ticket's first response was given at {@code firstResponseAt}: if that was after its due time and the breach is
     * not recorded yet, record and publish it now. Runs in the caller's transaction, which holds the ticket's row lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Instant> onFirstResponse(UUID ticket, Instant firstResponseAt) {
        List<Breach> late = jdbc.query("update ticket set sla_breached_at = ? where id = ? and sla_breached_at is null and not test "
                + "and sla_due_at < ?" + RETURNING, BREACH, Timestamp.from(clock.instant()), ticket, Timestamp.from(firstResponseAt));
        late.forEach(this::publish);
        return late.stream().findFirst().map(Breach::dueAt);
    }

    private void publish(Breach b) {
        outbox.publish(EventEnvelope.of(b.tenantId(), b.ticketId(), new EscalationEvents.SlaBreached(b.ticketId(), b.sessionId(),
                b.conversationId(), b.customerId(), b.priority(), b.reason(), b.targetMinutes(), b.dueAt().toString(),
                b.firstResponseAt() == null ? null : b.firstResponseAt().toString())));
    }
}
