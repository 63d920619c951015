package dev.supportplatform.escalation.ticket;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumMap;
import java.util.Map;

/** Per-tenant first-response targets per priority, in minutes; a priority without a configured target uses its default. */
@Component
public class SlaTargets {

    private final JdbcTemplate jdbc;

    public SlaTargets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Priority, Integer> of(String tenantId) {
        Map<Priority, Integer> targets = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            targets.put(p, (int) p.defaultTarget().toMinutes());
        }
        jdbc.query("select priority, response_minutes from sla_target where tenant_id = ?",
                (RowCallbackHandler) rs -> {
                    int minutes = rs.getInt(2);
                    Priority.parse(rs.getString(1)).ifPresent(p -> targets.put(p, minutes));
                }, tenantId);
        return targets;
    }

    public int minutesFor(String tenantId, Priority priority) {
        return of(tenantId).get(priority);
    }

    public boolean configured(String tenantId) {
        return jdbc.queryForObject("select count(*) from sla_target where tenant_id = ?", Integer.class, tenantId) > 0;
    }

    @Transactional
    public void save(String tenantId, Map<Priority, Integer> minutes) {
        minutes.forEach((priority, value) -> jdbc.update("insert into sla_target (tenant_id, priority, response_minutes) values (?, ?, ?) "
                + "on conflict (tenant_id, priority) do update set response_minutes = excluded.response_minutes", tenantId, priority.wire(), value));
    }

    /** "15 minutes", "1 hour", "4 hours", "90 minutes": how support.md's estimated_response_time reads. */
    public static String humanize(int minutes) {
        if (minutes < 60 || minutes % 60 != 0) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        int hours = minutes / 60;
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
