package dev.supportplatform.escalation.ticket;

import java.util.Arrays;
import java.util.Optional;

/**
 * support.md's escalation reasons, plus {@code low_confidence}: the chat pipeline escalates on low answer confidence,
 * and platform.md's webhook example names that reason.
 */
public enum Reason {
    NEGATIVE_SENTIMENT,
    HIGH_COMPLEXITY,
    REPEATED_FAILURES,
    MANUAL_REQUEST,
    POLICY_VIOLATION,
    LOW_CONFIDENCE;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Reason> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(value)).findFirst();
    }
}
