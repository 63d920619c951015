package dev.supportplatform.analytics.ingest;

import java.sql.Timestamp;
import java.time.Instant;

/** Rollups are kept per 15-minute UTC bucket: every real time zone's day boundary falls on one. */
public final class Buckets {
    public static final long SECONDS = 900;

    private Buckets() {
    }

    public static Instant of(Instant at) {
        long s = at.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, SECONDS));
    }

    public static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
