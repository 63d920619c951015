package dev.supportplatform.escalation.ticket;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket's lifecycle: open -> assigned -> resolved -> closed. An assigned ticket can be released back to open, a
 * resolved one reopened; closed is final. Staying in the same status is always allowed (PUT is idempotent).
 */
public enum Status {
    OPEN, ASSIGNED, RESOLVED, CLOSED;

    public String wire() {
        return name().toLowerCase();
    }

    public Set<Status> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ASSIGNED, RESOLVED, CLOSED);
            case ASSIGNED -> EnumSet.of(OPEN, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(Status.class);
        };
    }

    public boolean canBecome(Status target) {
        return target == this || next().contains(target);
    }

    /** Open and assigned tickets keep the AI out of the conversation. */
    public boolean active() {
        return this == OPEN || this == ASSIGNED;
    }

    public static Optional<Status> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }
}
