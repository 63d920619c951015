package dev.supportplatform.analytics.settings;

import org.springframework.jdbc.core.JdbcTemplate;
import dev.supportplatform.analytics.ingest.DailyRollups;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Per-tenant analytics settings: the time zone whose days, weeks and months the figures are grouped by (default UTC). */
@Component
public class TenantSettings {
    private final JdbcTemplate jdbc;

    public TenantSettings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ZoneId zone(String tenant) {
        List<String> zones = jdbc.queryForList("select time_zone from tenant_setting where tenant_id = ?", String.class, tenant);
        return zones.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zones.getFirst());
    }

    /**
     * Sets the zone and recomputes the tenant's local-day rollups in it, in one transaction.
     *
     * @throws DateTimeException when {@code zone} is not an IANA zone id or offset
     */
    @Transactional
    public ZoneId setZone(String tenant, String zone) {
        ZoneId id = ZoneId.of(zone);
        DailyRollups.rebuild(jdbc, tenant, id);
        jdbc.update("insert into tenant_setting (tenant_id, time_zone) values (?, ?) on conflict (tenant_id) do update set "
                + "time_zone = excluded.time_zone, updated_at = now()", tenant, id.getId());
        return id;
    }
}
