package dev.supportplatform.escalation.ticket;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** support.md's priorities, with the first-response target used when a tenant has configured none. */
public enum Priority {
    LOW(Duration.ofHours(24)),
    MEDIUM(Duration.ofHours(4)),
    HIGH(Duration.ofHours(1)),
    URGENT(Duration.ofMinutes(15));

    private final Duration defaultTarget;

    Priority(Duration defaultTarget) {
        this.defaultTarget = defaultTarget;
    }

    public String wire() {
        return name().toLowerCase();
    }

    public Duration defaultTarget() {
        return defaultTarget;
    }

    public static Optional<Priority> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }
}
