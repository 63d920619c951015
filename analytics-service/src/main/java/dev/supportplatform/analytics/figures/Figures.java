package dev.supportplatform.analytics.figures;

import dev.supportplatform.analytics.ingest.RollupDeltas;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the figures of one tenant from the rollups (sums over 15-minute buckets) and, for per-contact and
 * per-conversation views, from the facts. Definitions of every figure: docs/analytics-figures.md.
 */
@Component
public class Figures {
    private final JdbcTemplate jdbc;

    public Figures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A rollup's rows over a window, as a derived table {@code s} with a {@code day} column, and its parameters. */
    private record Source(String sql, List<Object> params) {
        Object[] with(Object... trailing) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(List.of(trailing));
            return all.toArray();
        }
    }

    /**
     * Whole local days of the window come from the table's local-day twin, the partial days at its edges from the
     * 15-minute table: a range over months reads a few hundred rows, and its edges stay exact.
     */
    private static Source source(RollupDeltas.Table table, Window w) {
        String columns = String.join(", ", table.dims()) + (table.dims().isEmpty() ? "" : ", ") + String.join(", ", table.sums());
        LocalDate firstFull = LocalDate.ofInstant(w.start(), w.zone());
        if (firstFull.atStartOfDay(w.zone()).toInstant().isBefore(w.start())) {
            firstFull = firstFull.plusDays(1);
        }
        LocalDate endFull = LocalDate.ofInstant(w.end(), w.zone());
        Instant fullStart;
        Instant fullEnd;
        if (firstFull.isBefore(endFull)) {
            fullStart = firstFull.atStartOfDay(w.zone()).toInstant();
            fullEnd = endFull.atStartOfDay(w.zone()).toInstant();
        } else {
            firstFull = endFull;
            fullStart = w.start();
            fullEnd = w.start();
        }
        String sql = "(select day, " + columns + " from " + table.daily().name() + " where tenant_id = ? and day >= ? and day < ? "
                + "union all select (bucket at time zone ?)::date as day, " + columns + " from " + table.name()
                + " where tenant_id = ? and bucket >= ? and bucket < ? and (bucket < ? or bucket >= ?)) s";
        return new Source(sql, List.of(java.sql.Date.valueOf(firstFull), java.sql.Date.valueOf(endFull), w.zone().getId(),
                ts(w.start()), ts(w.end()), ts(fullStart), ts(fullEnd)));
    }

    private static Source source(RollupDeltas.Table table, Window w, String tenant) {
        Source s = source(table, w);
        List<Object> params = new ArrayList<>(s.params());
        params.add(0, tenant);
        params.add(4, tenant);
        return new Source(s.sql(), params);
    }

    /** Sums of event_rollup over a window. */
    public record EventSums(long userMessages, long aiAnswers, long humanAnswers, long inputTokens, long outputTokens, double costUsd,
                            long responseMsSum, long cachedAnswers, long generatedMsSum, long sentimentPositive, long sentimentNeutral, long sentimentNegative,
                            double sentimentSum, double complexitySum, long toolCalls, long toolErrors, long toolLatencyMsSum,
                            long feedbackCount, long feedbackSum, long sessionsClosed, long sessionMinutesSum, long sessionMessagesSum,
                            long contactsCreated, long escalationsCreated, long retrievalMsSum, long retrievals, long slaBreaches) {
        public static final EventSums NONE = new EventSums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public long messages() {
            return userMessages + aiAnswers + humanAnswers;
        }

        public Double avgResponseMs() {
            return aiAnswers == 0 ? null : (double) responseMsSum / aiAnswers;
        }

        /** Mean response time of answers that were generated (not served from the cache). */
        public Double avgGeneratedMs() {
            long generated = aiAnswers - cachedAnswers;
            return generated == 0 ? null : (double) generatedMsSum / generated;
        }

        public Double cacheHitRate() {
            return aiAnswers == 0 ? null : (double) cachedAnswers / aiAnswers;
        }

        public Double toolErrorRate() {
            return toolCalls == 0 ? null : (double) toolErrors / toolCalls;
        }

        public Double satisfaction() {
            return feedbackCount == 0 ? null : (double) feedbackSum / feedbackCount;
        }

        /** Mean knowledge-base retrieval time of the AI answers for which a search ran. */
        public Double avgRetrievalMs() {
            return retrievals == 0 ? null : (double) retrievalMsSum / retrievals;
        }
    }

    private static final String EVENT_SUMS = "coalesce(sum(user_messages), 0), coalesce(sum(ai_answers), 0), coalesce(sum(human_answers), 0), "
            + "coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0), coalesce(sum(cost_usd), 0), coalesce(sum(response_ms_sum), 0), "
            + "coalesce(sum(cached_answers), 0), coalesce(sum(generated_ms_sum), 0), coalesce(sum(sentiment_positive), 0), coalesce(sum(sentiment_neutral), 0), "
            + "coalesce(sum(sentiment_negative), 0), coalesce(sum(sentiment_sum), 0), coalesce(sum(complexity_sum), 0), "
            + "coalesce(sum(tool_calls), 0), coalesce(sum(tool_errors), 0), coalesce(sum(tool_latency_ms_sum), 0), "
            + "coalesce(sum(feedback_count), 0), coalesce(sum(feedback_sum), 0), coalesce(sum(sessions_closed), 0), "
            + "coalesce(sum(session_minutes_sum), 0), coalesce(sum(session_messages_sum), 0), coalesce(sum(contacts_created), 0), "
            + "coalesce(sum(escalations_created), 0), coalesce(sum(retrieval_ms_sum), 0), coalesce(sum(retrievals), 0), "
            + "coalesce(sum(sla_breaches), 0)";

    private static EventSums eventSums(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new EventSums(rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getDouble(i++),
                rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getDouble(i++), rs.getDouble(i++),
                rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++),
                rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i++), rs.getLong(i));
    }

    public EventSums events(String tenant, Window w) {
        Source src = source(RollupDeltas.EVENTS, w, tenant);
        return jdbc.queryForObject("select " + EVENT_SUMS + " from " + src.sql(), (rs, n) -> eventSums(rs, 1), src.with());
    }

    /** Conversation figures, each conversation counted in the bucket it was created in. */
    public record ConversationSums(long conversations, long escalated, long resolved, long aiResolved, long messages) {
        public double resolutionRate() {
            return conversations == 0 ? 0.0 : (double) aiResolved / conversations;
        }

        public double escalationRate() {
            return conversations == 0 ? 0.0 : (double) escalated / conversations;
        }
    }

    private static final String CONV_SUMS = "coalesce(sum(conversations), 0), coalesce(sum(escalated), 0), coalesce(sum(resolved), 0), "
            + "coalesce(sum(ai_resolved), 0), coalesce(sum(messages), 0)";

    private static ConversationSums convSums(ResultSet rs, int first) throws SQLException {
        return new ConversationSums(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3), rs.getLong(first + 4));
    }

    public ConversationSums conversations(String tenant, Window w) {
        Source src = source(RollupDeltas.CONVERSATIONS, w, tenant);
        return jdbc.queryForObject("select " + CONV_SUMS + " from " + src.sql(), (rs, n) -> convSums(rs, 1), src.with());
    }

    /** Local calendar periods: day, week (starting Monday) or month; hour is also accepted. */
    public enum Period {
        HOUR, DAY, WEEK, MONTH;

        String sql() {
            return name().toLowerCase();
        }
    }

    public record PeriodRow<T>(LocalDate date, T sums) {
    }

    public Map<LocalDate, EventSums> eventsBy(String tenant, Window w, Period period) {
        Map<LocalDate, EventSums> rows = new LinkedHashMap<>();
        Source src = source(RollupDeltas.EVENTS, w, tenant);
        jdbc.query("select (date_trunc('" + period.sql() + "', day))::date as d, " + EVENT_SUMS + " from " + src.sql() + " group by d order by d",
                rs -> {
                    rows.put(rs.getObject(1, LocalDate.class), eventSums(rs, 2));
                }, src.with());
        return rows;
    }

    public Map<LocalDate, ConversationSums> conversationsBy(String tenant, Window w, Period period) {
        Map<LocalDate, ConversationSums> rows = new LinkedHashMap<>();
        Source src = source(RollupDeltas.CONVERSATIONS, w, tenant);
        jdbc.query("select (date_trunc('" + period.sql() + "', day))::date as d, " + CONV_SUMS + " from " + src.sql() + " group by d order by d",
                rs -> {
                    rows.put(rs.getObject(1, LocalDate.class), convSums(rs, 2));
                }, src.with());
        return rows;
    }

    /** The first day of each local period in the window, so that breakdowns list empty periods too. */
    public static List<LocalDate> periods(Window w, Period period) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate d = periodStart(w.firstDay(), period);
        LocalDate last = w.lastDay();
        while (!d.isAfter(last)) {
            dates.add(d);
            d = switch (period) {
                case HOUR, DAY -> d.plusDays(1);
                case WEEK -> d.plusWeeks(1);
                case MONTH -> d.plusMonths(1);
            };
        }
        return dates;
    }

    static LocalDate periodStart(LocalDate d, Period period) {
        return switch (period) {
            case HOUR, DAY -> d;
            case WEEK -> d.minusDays(d.getDayOfWeek().getValue() - 1L);
            case MONTH -> d.withDayOfMonth(1);
        };
    }

    public record ModelSums(String model, long answers, long inputTokens, long outputTokens, double costUsd, long responseMsSum, long cached) {
    }

    public List<ModelSums> byModel(String tenant, Window w) {
        Source src = source(RollupDeltas.ANSWERS, w, tenant);
        return jdbc.query("select model, sum(answers), sum(input_tokens), sum(output_tokens), sum(cost_usd), sum(response_ms_sum), "
                        + "sum(cached_answers) from " + src.sql() + " group by model order by sum(answers) desc, model",
                (rs, n) -> new ModelSums(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5), rs.getLong(6),
                        rs.getLong(7)), src.with());
    }

    public record AgentAnswers(long agentId, String name, long answers) {
    }

    /** AI answers per named agent, most first. */
    public List<AgentAnswers> answersByAgent(String tenant, Window w) {
        Source src = source(RollupDeltas.ANSWERS, w, tenant);
        return jdbc.query("select d.id, r.agent, r.n from (select agent, sum(answers) as n from " + src.sql() + " where agent <> '' group by agent) r "
                        + "join agent_dim d on d.tenant_id = ? and d.name = r.agent order by r.n desc, r.agent",
                (rs, n) -> new AgentAnswers(rs.getLong(1), rs.getString(2), rs.getLong(3)), src.with(tenant));
    }

    public record AgentConversations(long agentId, String name, ConversationSums sums) {
    }

    /** Conversations per agent (the agent of each conversation's first AI answer). */
    public List<AgentConversations> conversationsByAgent(String tenant, Window w) {
        Source src = source(RollupDeltas.CONVERSATIONS, w, tenant);
        return jdbc.query("select d.id, r.* from (select agent, " + CONV_SUMS + " from " + src.sql() + " where agent <> '' group by agent) r "
                        + "join agent_dim d on d.tenant_id = ? and d.name = r.agent",
                (rs, n) -> new AgentConversations(rs.getLong(1), rs.getString(2), convSums(rs, 3)), src.with(tenant));
    }

    public record ToolSums(String tool, long calls, long errors, long latencyMsSum) {
    }

    public List<ToolSums> byTool(String tenant, Window w) {
        Source src = source(RollupDeltas.TOOLS, w, tenant);
        return jdbc.query("select tool, sum(calls), sum(errors), sum(latency_ms_sum) from " + src.sql() + " group by tool order by sum(calls) desc, tool",
                (rs, n) -> new ToolSums(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), src.with());
    }

    /** Distinct contacts who sent or received a message in the window. */
    public long activeUsers(String tenant, Window w) {
        if (!w.end().isBefore(Instant.now())) {
            // Nothing can have happened after the range: "active since start" is a range count over the latest activity.
            return jdbc.queryForObject("select count(*) from contact_last_active where tenant_id = ? and last_active_at >= ?",
                    Long.class, tenant, ts(w.start()));
        }
        return jdbc.queryForObject("select count(distinct contact_id) from contact_activity where tenant_id = ? and bucket >= ? and bucket < ?",
                Long.class, tenant, ts(w.start()), ts(w.end()));
    }

    public long totalContacts(String tenant) {
        return jdbc.queryForObject("select count(*) from contact_fact where tenant_id = ?", Long.class, tenant);
    }

    /** Distinct contacts that ever sent or received a message. */
    public long contactsWithMessages(String tenant) {
        return jdbc.queryForObject("select count(*) from contact_last_active where tenant_id = ?", Long.class, tenant);
    }

    public record DocumentSums(long documents, long chunks, Map<String, Long> byType, Map<String, Long> byCollection) {
    }

    private static final String LIVE_DOCUMENT = "tenant_id = ? and (deleted_at is null or deleted_at < ingested_at)";

    public DocumentSums documents(String tenant) {
        long[] totals = jdbc.queryForObject("select count(*), coalesce(sum(chunks), 0) from document_fact where " + LIVE_DOCUMENT,
                (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}, tenant);
        Map<String, Long> byType = new LinkedHashMap<>();
        jdbc.query("select doc_type, count(*) from document_fact where " + LIVE_DOCUMENT + " group by doc_type order by count(*) desc, doc_type",
                rs -> {
                    byType.put(rs.getString(1), rs.getLong(2));
                }, tenant);
        Map<String, Long> byCollection = new LinkedHashMap<>();
        jdbc.query("select collection, count(*) from document_fact where " + LIVE_DOCUMENT + " group by collection order by count(*) desc, collection",
                rs -> {
                    byCollection.put(rs.getString(1), rs.getLong(2));
                }, tenant);
        return new DocumentSums(totals[0], totals[1], byType, byCollection);
    }

    /** Conversations active within the window (any event about them), for /api/status's active_sessions. */
    public long conversationsActiveSince(String tenant, java.time.Instant since) {
        return jdbc.queryForObject("select count(*) from conversation_fact where tenant_id = ? and last_activity_at >= ?",
                Long.class, tenant, ts(since));
    }

    /** Tickets waiting for a human: open (not yet assigned). */
    public long openTickets(String tenant) {
        return jdbc.queryForObject("select count(*) from escalation_fact where tenant_id = ? and status = 'open'", Long.class, tenant);
    }

    /** Tickets still open or assigned whose first-response target has passed unmet (escalation.sla_breached). */
    public long breachedActiveTickets(String tenant) {
        return jdbc.queryForObject("select count(*) from escalation_fact where tenant_id = ? and status in ('open', 'assigned') "
                + "and sla_breached_at is not null", Long.class, tenant);
    }

    static Timestamp ts(java.time.Instant at) {
        return Timestamp.from(at);
    }

    /** Rounds for display; figures are computed unrounded. */
    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    public static Double round(Double value, int digits) {
        return value == null ? null : round(value.doubleValue(), digits);
    }
}
