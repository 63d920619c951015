package dev.supportplatform.analytics.ingest;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one batch adds to the rollup tables, summed in memory and written with one batched upsert per table
 * (rows in key order, so concurrent writers never deadlock).
 */
public final class RollupDeltas {

    /** A rollup table: its key columns and its additive columns. */
    public record Table(String name, List<String> keys, List<String> sums) {
        /** The local-day twin of this table: the same sums keyed by day instead of bucket. */
        public Table daily() {
            List<String> dayKeys = new ArrayList<>(keys);
            dayKeys.set(1, "day");
            return new Table(name + "_day", dayKeys, sums);
        }

        /** The key columns after tenant and time: the dimensions. */
        public List<String> dims() {
            return keys.subList(2, keys.size());
        }

        String upsertSql() {
            List<String> columns = new ArrayList<>(keys);
            columns.addAll(sums);
            StringBuilder sql = new StringBuilder("insert into ").append(name).append(" (").append(String.join(", ", columns))
                    .append(") values (").append(String.join(", ", columns.stream().map(c -> "?").toList()))
                    .append(") on conflict (").append(String.join(", ", keys)).append(") do update set ");
            sql.append(String.join(", ", sums.stream().map(c -> c + " = " + name + "." + c + " + excluded." + c).toList()));
            return sql.toString();
        }
    }

    public static final Table EVENTS = new Table("event_rollup", List.of("tenant_id", "bucket"), List.of(
            "user_messages", "ai_answers", "human_answers", "input_tokens", "output_tokens", "cost_usd", "response_ms_sum",
            "cached_answers", "generated_ms_sum", "sentiment_positive", "sentiment_neutral", "sentiment_negative", "sentiment_sum", "complexity_sum",
            "tool_calls", "tool_errors", "tool_latency_ms_sum", "feedback_count", "feedback_sum", "sessions_closed",
            "session_minutes_sum", "session_messages_sum", "contacts_created", "escalations_created", "retrieval_ms_sum", "retrievals",
            "sla_breaches"));
    public static final Table ANSWERS = new Table("answer_rollup", List.of("tenant_id", "bucket", "model", "agent"), List.of(
            "answers", "input_tokens", "output_tokens", "cost_usd", "response_ms_sum", "cached_answers"));
    public static final Table TOOLS = new Table("tool_rollup", List.of("tenant_id", "bucket", "tool"), List.of("calls", "errors", "latency_ms_sum"));
    public static final Table CONVERSATIONS = new Table("conv_rollup", List.of("tenant_id", "bucket", "agent"), List.of(
            "conversations", "escalated", "resolved", "ai_resolved", "messages"));

    private record Key(String tenant, Instant bucket, String a, String b) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::tenant).thenComparing(Key::bucket)
                .thenComparing(k -> k.a == null ? "" : k.a).thenComparing(k -> k.b == null ? "" : k.b);
    }

    private final Map<Table, Map<Key, double[]>> sums = new java.util.LinkedHashMap<>();

    /** Adds {@code value} to column {@code column} of the row (tenant, bucket of {@code at}, dims...). */
    void add(Table table, String tenant, Instant at, String column, double value, String... dims) {
        int index = table.sums().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(table.name() + " has no column " + column);
        }
        Key key = new Key(tenant, Buckets.of(at), dims.length > 0 ? dims[0] : null, dims.length > 1 ? dims[1] : null);
        sums.computeIfAbsent(table, t -> new TreeMap<>(Key.ORDER))
                .computeIfAbsent(key, k -> new double[table.sums().size()])[index] += value;
    }

    public static final List<Table> ALL = List.of(EVENTS, ANSWERS, TOOLS, CONVERSATIONS);

    /** Writes the 15-minute rows and their local-day twins (days in each tenant's zone). */
    void write(JdbcTemplate jdbc, Map<String, java.time.ZoneId> zones) {
        Map<Table, Map<Key, double[]>> daily = new java.util.LinkedHashMap<>();
        sums.forEach((table, rows) -> rows.forEach((key, values) -> {
            java.time.ZoneId zone = zones.getOrDefault(key.tenant(), java.time.ZoneOffset.UTC);
            Instant day = java.time.LocalDate.ofInstant(key.bucket(), zone).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            double[] target = daily.computeIfAbsent(table.daily(), t -> new TreeMap<>(Key.ORDER))
                    .computeIfAbsent(new Key(key.tenant(), day, key.a(), key.b()), k -> new double[values.length]);
            for (int i = 0; i < values.length; i++) {
                target[i] += values[i];
            }
        }));
        sums.putAll(daily);
        sums.forEach((table, rows) -> {
            List<Object[]> args = new ArrayList<>(rows.size());
            rows.forEach((key, values) -> {
                if (allZero(values)) {
                    return;
                }
                List<Object> row = new ArrayList<>();
                row.add(key.tenant());
                boolean isDaily = table.keys().get(1).equals("day");
                row.add(isDaily ? (Object) java.sql.Date.valueOf(java.time.LocalDate.ofInstant(key.bucket(), java.time.ZoneOffset.UTC))
                        : Buckets.ts(key.bucket()));
                if (table.keys().size() > 2) {
                    row.add(key.a());
                }
                if (table.keys().size() > 3) {
                    row.add(key.b());
                }
                for (int i = 0; i < values.length; i++) {
                    String column = table.sums().get(i);
                    boolean fractional = column.equals("cost_usd") || column.endsWith("sentiment_sum") || column.equals("complexity_sum");
                    row.add(fractional ? (Object) values[i] : (Object) Math.round(values[i]));
                }
                args.add(row.toArray());
            });
            if (!args.isEmpty()) {
                jdbc.batchUpdate(table.upsertSql(), args);
            }
        });
        sums.clear();
    }

    private static boolean allZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
