package dev.supportplatform.analytics.figures;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Figures of one contact or one conversation, read from the facts (a subject has few rows). */
@Component
public class SubjectFigures {
    private final JdbcTemplate jdbc;

    public SubjectFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A contact as the events describe it: ids and creation, no profile data (that is the CRM's). */
    public record Contact(String id, String externalId, Instant createdAt) {
    }

    /** The contact by its internal id or its external id. */
    public Optional<Contact> contact(String tenant, String id) {
        return jdbc.query("select contact_id, external_id, created_at from contact_fact where tenant_id = ? "
                        + "and (contact_id = ? or external_id = ?) order by (contact_id = ?) desc limit 1",
                (rs, n) -> new Contact(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                tenant, id, id, id).stream().findFirst();
    }

    /** Every id a contact's facts may carry: what was asked for, its internal and its external id. */
    public static String[] idsOf(String asked, Optional<Contact> contact) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(asked);
        contact.ifPresent(c -> {
            ids.add(c.id());
            if (c.externalId() != null) {
                ids.add(c.externalId());
            }
        });
        return ids.toArray(String[]::new);
    }

    public record ConversationRow(String uuid, String id, String title, Instant createdAt, int messageCount, String category,
                                  Instant lastActivityAt, boolean escalated, boolean resolved) {
    }

    public List<ConversationRow> conversationsOf(String tenant, String[] contactIds, int limit) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select conversation_uuid, coalesce(external_id, conversation_uuid), title, created_at, message_count, "
                    + "category, last_activity_at, escalated, resolved from conversation_fact where tenant_id = ? and contact_id = any(?) "
                    + "order by created_at desc, conversation_uuid limit ?");
            ps.setString(1, tenant);
            ps.setArray(2, con.createArrayOf("text", contactIds));
            ps.setInt(3, limit);
            return ps;
        }, (rs, n) -> new ConversationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getInt(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBoolean(8), rs.getBoolean(9)));
    }

    public record ContactTotals(long conversations, double avgMessages, Instant lastActive) {
    }

    public ContactTotals contactTotals(String tenant, String[] contactIds) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select count(*), coalesce(avg(message_count), 0), max(last_activity_at) from conversation_fact "
                    + "where tenant_id = ? and contact_id = any(?)");
            ps.setString(1, tenant);
            ps.setArray(2, con.createArrayOf("text", contactIds));
            return ps;
        }, rs -> {
            rs.next();
            Timestamp last = rs.getTimestamp(3);
            return new ContactTotals(rs.getLong(1), rs.getDouble(2), last == null ? null : last.toInstant());
        });
    }

    /** The weekday (in the tenant's zone) on which the contact sent the most messages; ties go to the earlier weekday. */
    public String mostActiveDay(String tenant, String[] contactIds, ZoneId zone) {
        List<Integer> days = jdbc.query(con -> {
            var ps = con.prepareStatement("select extract(isodow from occurred_at at time zone ?)::int as d from message_fact "
                    + "where tenant_id = ? and contact_id = any(?) and kind = 'user' group by d order by count(*) desc, d limit 1");
            ps.setString(1, zone.getId());
            ps.setString(2, tenant);
            ps.setArray(3, con.createArrayOf("text", contactIds));
            return ps;
        }, (rs, n) -> rs.getInt(1));
        if (days.isEmpty()) {
            return null;
        }
        String name = DayOfWeek.of(days.getFirst()).name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The AI agent that answered the contact most often. */
    public String preferredAgent(String tenant, String[] contactIds) {
        List<String> agents = jdbc.query(con -> {
            var ps = con.prepareStatement("select agent from message_fact where tenant_id = ? and contact_id = any(?) and kind = 'answer' "
                    + "and sender = 'ai' and agent is not null group by agent order by count(*) desc, agent limit 1");
            ps.setString(1, tenant);
            ps.setArray(2, con.createArrayOf("text", contactIds));
            return ps;
        }, (rs, n) -> rs.getString(1));
        return agents.isEmpty() ? null : agents.getFirst();
    }

    public record Sessions(long count, long minutes) {
    }

    public Sessions sessionsOf(String tenant, String[] contactIds) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select count(*), coalesce(sum(duration_minutes), 0) from session_fact where tenant_id = ? and contact_id = any(?)");
            ps.setString(1, tenant);
            ps.setArray(2, con.createArrayOf("text", contactIds));
            return ps;
        }, rs -> {
            rs.next();
            return new Sessions(rs.getLong(1), rs.getLong(2));
        });
    }

    public Double satisfactionOf(String tenant, String[] contactIds) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select avg(rating) from feedback_fact where tenant_id = ? and contact_id = any(?)");
            ps.setString(1, tenant);
            ps.setArray(2, con.createArrayOf("text", contactIds));
            return ps;
        }, rs -> {
            rs.next();
            double v = rs.getDouble(1);
            return rs.wasNull() ? null : v;
        });
    }

    // --- one conversation ---------------------------------------------------------------------------------

    public Optional<ConversationRow> conversation(String tenant, String id) {
        return jdbc.query("select conversation_uuid, coalesce(external_id, conversation_uuid), title, created_at, message_count, category, "
                        + "last_activity_at, escalated, resolved from conversation_fact where tenant_id = ? and (conversation_uuid = ? or external_id = ?) "
                        + "order by (conversation_uuid = ?) desc limit 1",
                (rs, n) -> new ConversationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getInt(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBoolean(8), rs.getBoolean(9)),
                tenant, id, id, id).stream().findFirst();
    }

    public record MessageStats(long messages, double avgSentiment, double avgComplexity, long totalResponseMs, List<String> models) {
    }

    public MessageStats messageStats(String tenant, ConversationRow c) {
        String[] refs = new LinkedHashSet<>(List.of(c.uuid(), c.id())).toArray(String[]::new);
        MessageStats base = jdbc.query(con -> {
            var ps = con.prepareStatement("select count(*), coalesce(avg(sentiment) filter (where sender = 'ai'), 0), "
                    + "coalesce(avg(complexity) filter (where sender = 'ai'), 0), coalesce(sum(response_time_ms) filter (where sender = 'ai'), 0) "
                    + "from message_fact where tenant_id = ? and conversation_uuid = any(?)");
            ps.setString(1, tenant);
            ps.setArray(2, con.createArrayOf("text", refs));
            return ps;
        }, rs -> {
            rs.next();
            return new MessageStats(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4), List.of());
        });
        List<String> models = new ArrayList<>(jdbc.query(con -> {
            var ps = con.prepareStatement("select model from message_fact where tenant_id = ? and conversation_uuid = any(?) and model is not null "
                    + "group by model order by min(occurred_at), model");
            ps.setString(1, tenant);
            ps.setArray(2, con.createArrayOf("text", refs));
            return ps;
        }, (rs, n) -> rs.getString(1)));
        return new MessageStats(base.messages(), base.avgSentiment(), base.avgComplexity(), base.totalResponseMs(), models);
    }

    /** Mean feedback rating of the conversation; failing that, the latest satisfaction given on its ticket. */
    public Double satisfactionOfConversation(String tenant, ConversationRow c) {
        Double feedback = jdbc.query("select avg(rating) from feedback_fact where tenant_id = ? and conversation_uuid = ?", rs -> {
            rs.next();
            double v = rs.getDouble(1);
            return rs.wasNull() ? null : v;
        }, tenant, c.uuid());
        if (feedback != null) {
            return feedback;
        }
        List<Integer> ticket = jdbc.query("select satisfaction from escalation_fact where tenant_id = ? and satisfaction is not null "
                        + "and (conversation_ref in (?, ?) or session_ref in (?, ?)) order by status_at desc limit 1",
                (rs, n) -> rs.getInt(1), tenant, c.uuid(), c.id(), c.uuid(), c.id());
        return ticket.isEmpty() ? null : ticket.getFirst().doubleValue();
    }
}
