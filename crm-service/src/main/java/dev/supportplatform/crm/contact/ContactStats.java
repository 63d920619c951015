package dev.supportplatform.crm.contact;

import java.time.Instant;

/** A contact's counters learnt from chat events; zeros and no last activity before chat has mentioned them. */
public record ContactStats(long totalConversations, long totalMessages, Instant lastActive) {
    public static final ContactStats NONE = new ContactStats(0, 0, null);
}
