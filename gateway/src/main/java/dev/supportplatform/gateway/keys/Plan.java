package dev.supportplatform.gateway.keys;

import java.util.Locale;

/** platform.md's API key tiers and their hourly request quotas; enterprise quotas are set per key. */
public enum Plan {
    FREE(100),
    STARTER(1_000),
    PROFESSIONAL(10_000),
    ENTERPRISE(100_000);

    private final long defaultQuotaPerHour;

    Plan(long defaultQuotaPerHour) {
        this.defaultQuotaPerHour = defaultQuotaPerHour;
    }

    public long defaultQuotaPerHour() {
        return defaultQuotaPerHour;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Plan parse(String value) {
        if (value == null || value.isBlank()) {
            return FREE;
        }
        return Plan.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
