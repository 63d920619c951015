package dev.supportplatform.analytics.status;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Records each minute the service is up, so that uptime_percentage is measured rather than claimed: the share of
 * the minutes of the last 24 hours (or since the first heartbeat, if later) in which some replica was running.
 */
@Component
public class ServiceHeartbeat {
    private final JdbcTemplate jdbc;
    private final Instant startedAt = Instant.now();

    public ServiceHeartbeat(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Instant startedAt() {
        return startedAt;
    }

    @Scheduled(fixedRate = 60_000, initialDelay = 0)
    public void beat() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        jdbc.update("insert into service_heartbeat (minute) values (?) on conflict do nothing", Timestamp.from(minute));
        jdbc.update("delete from service_heartbeat where minute < ?", Timestamp.from(minute.minus(Duration.ofDays(2))));
    }

    public double uptimePercentage(Instant now) {
        Instant since = now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.MINUTES);
        long[] row = jdbc.queryForObject("select count(*), extract(epoch from min(minute))::bigint from service_heartbeat where minute >= ?",
                (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}, Timestamp.from(since));
        if (row[0] == 0) {
            return 100.0;
        }
        long from = Math.max(since.getEpochSecond(), row[1]);
        long minutes = Math.max(1, (now.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() - from) / 60 + 1);
        return Math.min(100.0, Math.round(row[0] * 10000.0 / minutes) / 100.0);
    }
}
