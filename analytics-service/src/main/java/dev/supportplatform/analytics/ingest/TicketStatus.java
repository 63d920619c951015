package dev.supportplatform.analytics.ingest;

/** Ticket statuses as escalation-service publishes them. */
public final class TicketStatus {
    private TicketStatus() {
    }

    /** resolved or closed: a human finished the conversation. */
    public static boolean isDone(String status) {
        return "resolved".equals(status) || "closed".equals(status);
    }
}
