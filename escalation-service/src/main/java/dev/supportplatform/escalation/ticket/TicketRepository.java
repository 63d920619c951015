package dev.supportplatform.escalation.ticket;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tickets in plain SQL. Every query names the tenant explicitly: the webhook worker and the consumers work across
 * tenants without a Hibernate session, and one style for all of this service's tables keeps that obvious.
 */
@Repository
public class TicketRepository {

    private static final String COLUMNS = "id, tenant_id, ticket_id, session_id, conversation_id, customer_id, reason, priority, "
            + "status, customer_sentiment, query_complexity, additional_context, assigned_agent, resolution_notes, "
            + "customer_satisfaction, test, sla_target_minutes, sla_due_at, first_response_at, resolved_at, created_at, updated_at";

    static final RowMapper<Ticket> MAPPER = TicketRepository::map;

    private final JdbcTemplate jdbc;

    public TicketRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number of this tenant's ticket sequence for {@code year}; the row stays locked until commit. */
    long nextNumber(String tenantId, int year) {
        return jdbc.queryForObject("insert into ticket_sequence (tenant_id, year, last_value) values (?, ?, 1) "
                + "on conflict (tenant_id, year) do update set last_value = ticket_sequence.last_value + 1 returning last_value",
                Long.class, tenantId, year);
    }

    void insert(Ticket t) {
        jdbc.update("insert into ticket (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.tenantId(), t.ticketId(), t.sessionId(), t.conversationId(), t.customerId(), t.reason().wire(),
                t.priority().wire(), t.status().wire(), t.customerSentiment(), t.queryComplexity(), t.additionalContext(),
                t.assignedAgent(), t.resolutionNotes(), t.customerSatisfaction(), t.test(), t.slaTargetMinutes(),
                ts(t.slaDueAt()), ts(t.firstResponseAt()), ts(t.resolvedAt()), ts(t.createdAt()), ts(t.updatedAt()));
    }

    void update(Ticket t) {
        jdbc.update("update ticket set status = ?, assigned_agent = ?, resolution_notes = ?, customer_satisfaction = ?, "
                        + "first_response_at = ?, resolved_at = ?, updated_at = ? where id = ? and tenant_id = ?",
                t.status().wire(), t.assignedAgent(), t.resolutionNotes(), t.customerSatisfaction(), ts(t.firstResponseAt()),
                ts(t.resolvedAt()), ts(t.updatedAt()), t.id(), t.tenantId());
    }

    public Optional<Ticket> find(String tenantId, String ticketId) {
        return jdbc.query("select " + COLUMNS + " from ticket where tenant_id = ? and ticket_id = ?", MAPPER, tenantId, ticketId)
                .stream().findFirst();
    }

    /** The ticket, locked for update until the transaction ends: concurrent changes apply one after the other. */
    Optional<Ticket> lock(String tenantId, String ticketId) {
        return jdbc.query("select " + COLUMNS + " from ticket where tenant_id = ? and ticket_id = ? for update", MAPPER, tenantId, ticketId)
                .stream().findFirst();
    }

    public record Page(List<Ticket> tickets, long total) {
    }

    Page search(String tenantId, QueueFilter filter, Instant now) {
        StringBuilder where = new StringBuilder(" from ticket where tenant_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        if (!filter.statuses().isEmpty()) {
            where.append(" and status = any(?)");
            args.add(filter.statuses().stream().map(Status::wire).toArray(String[]::new));
        }
        if (!filter.priorities().isEmpty()) {
            where.append(" and priority = any(?)");
            args.add(filter.priorities().stream().map(Priority::wire).toArray(String[]::new));
        }
        if (!filter.reasons().isEmpty()) {
            where.append(" and reason = any(?)");
            args.add(filter.reasons().stream().map(Reason::wire).toArray(String[]::new));
        }
        if (filter.assignee() != null) {
            where.append(" and assigned_agent = ?");
            args.add(filter.assignee());
        }
        if (Boolean.TRUE.equals(filter.unassigned())) {
            where.append(" and assigned_agent is null");
        }
        if (filter.minAgeMinutes() != null) {
            where.append(" and created_at <= ?");
            args.add(ts(now.minusSeconds(60L * filter.minAgeMinutes())));
        }
        if (filter.maxAgeMinutes() != null) {
            where.append(" and created_at >= ?");
            args.add(ts(now.minusSeconds(60L * filter.maxAgeMinutes())));
        }
        if (filter.slaBreached() != null) {
            String breached = "(coalesce(first_response_at, ?) > sla_due_at)";
            where.append(filter.slaBreached() ? " and " + breached : " and not " + breached);
            args.add(ts(now));
        }
        long total = jdbc.queryForObject("select count(*)" + where, Long.class, args.toArray());
        String order = switch (filter.sort()) {
            case OLDEST -> " order by created_at, ticket_id";
            case NEWEST -> " order by created_at desc, ticket_id desc";
            case SLA_DUE -> " order by sla_due_at, created_at";
            case PRIORITY -> " order by case priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, created_at";
        };
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(filter.pageSize());
        pageArgs.add((long) (filter.page() - 1) * filter.pageSize());
        List<Ticket> tickets = jdbc.query("select " + COLUMNS + where + order + " limit ? offset ?", MAPPER, pageArgs.toArray());
        return new Page(tickets, total);
    }

    private static Ticket map(ResultSet rs, int row) throws SQLException {
        return new Ticket(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("ticket_id"),
                rs.getString("session_id"), rs.getString("conversation_id"), rs.getString("customer_id"),
                Reason.parse(rs.getString("reason")).orElseThrow(), Priority.parse(rs.getString("priority")).orElseThrow(),
                Status.parse(rs.getString("status")).orElseThrow(), (Double) rs.getObject("customer_sentiment"),
                (Double) rs.getObject("query_complexity"), rs.getString("additional_context"), rs.getString("assigned_agent"),
                rs.getString("resolution_notes"), (Integer) rs.getObject("customer_satisfaction"), rs.getBoolean("test"),
                rs.getInt("sla_target_minutes"), instant(rs, "sla_due_at"), instant(rs, "first_response_at"),
                instant(rs, "resolved_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
