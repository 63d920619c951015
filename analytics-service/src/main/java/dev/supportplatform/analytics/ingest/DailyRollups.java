package dev.supportplatform.analytics.ingest;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Recomputes a tenant's local-day rollups from its 15-minute rollups, for a time zone change (or a seeded tenant). */
public final class DailyRollups {
    private DailyRollups() {
    }

    /** Call inside a transaction; takes the tenant's lock so that no batch writes in between. */
    public static void rebuild(JdbcTemplate jdbc, String tenant, ZoneId zone) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtext('analytics:' || ?))", tenant);
        for (RollupDeltas.Table table : RollupDeltas.ALL) {
            RollupDeltas.Table daily = table.daily();
            jdbc.update("delete from " + daily.name() + " where tenant_id = ?", tenant);
            List<String> dims = table.dims();
            List<String> columns = new ArrayList<>(List.of("tenant_id", "day"));
            columns.addAll(dims);
            columns.addAll(table.sums());
            String dimList = dims.isEmpty() ? "" : ", " + String.join(", ", dims);
            String sums = String.join(", ", table.sums().stream().map(c -> "sum(" + c + ")").toList());
            jdbc.update("insert into " + daily.name() + " (" + String.join(", ", columns) + ") select tenant_id, (bucket at time zone ?)::date as d"
                    + dimList + ", " + sums + " from " + table.name() + " where tenant_id = ? group by tenant_id, d" + dimList, zone.getId(), tenant);
        }
    }
}
