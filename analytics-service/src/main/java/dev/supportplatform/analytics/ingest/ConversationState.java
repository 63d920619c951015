package dev.supportplatform.analytics.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * One conversation_fact row while a batch works on it. Every change is a commutative merge (earliest creation,
 * latest activity, flags that only turn on, the agent of the earliest answer), so events may arrive in any order.
 */
final class ConversationState {
    final String tenant;
    final String uuid;
    final boolean stored;
    String externalId;
    String contactId;
    String channel;
    String title;
    String category;
    Instant categoryAt;
    String agent;
    Instant agentAt;
    Instant createdAt;
    Instant lastActivityAt;
    int messageCount;
    boolean escalated;
    boolean resolved;
    final Contribution original;
    /** The external id the stored row already had: tickets that name it were matched when it was stored. */
    final String storedExternalId;

    /** What this conversation adds to conv_rollup. */
    record Contribution(Instant bucket, String agent, int escalated, int resolved, int aiResolved, int messages) {
    }

    ConversationState(String tenant, String uuid, boolean stored, String externalId, String contactId, String channel, String title,
                      String category, Instant categoryAt, String agent, Instant agentAt, Instant createdAt, Instant lastActivityAt, int messageCount,
                      boolean escalated, boolean resolved) {
        this.tenant = tenant;
        this.uuid = uuid;
        this.stored = stored;
        this.externalId = externalId;
        this.contactId = contactId;
        this.channel = channel;
        this.title = title;
        this.category = category;
        this.categoryAt = categoryAt;
        this.agent = agent;
        this.agentAt = agentAt;
        this.createdAt = createdAt;
        this.lastActivityAt = lastActivityAt;
        this.messageCount = messageCount;
        this.escalated = escalated;
        this.resolved = resolved;
        this.original = stored ? contribution() : null;
        this.storedExternalId = stored ? externalId : null;
    }

    static ConversationState fresh(String tenant, String uuid, Instant at) {
        return new ConversationState(tenant, uuid, false, null, null, null, null, null, null, null, null, at, at, 0, false, false);
    }

    Contribution contribution() {
        return new Contribution(Buckets.of(createdAt), agent == null ? "" : agent, escalated ? 1 : 0, resolved ? 1 : 0,
                resolved && !escalated ? 1 : 0, messageCount);
    }

    boolean changed() {
        return !stored || !Objects.equals(original, contribution()) || dirtyFields;
    }

    private boolean dirtyFields;

    void seen(Instant at) {
        if (at.isBefore(createdAt)) {
            createdAt = at;
        }
        if (at.isAfter(lastActivityAt)) {
            lastActivityAt = at;
        }
        dirtyFields = true;
    }

    void fill(String externalId, String contactId) {
        if (externalId != null && !externalId.equals(uuid) && this.externalId == null) {
            this.externalId = externalId;
        }
        if (contactId != null && this.contactId == null) {
            this.contactId = contactId;
        }
    }

    void answeredBy(String agentName, Instant at) {
        if (agentName == null || agentName.isBlank()) {
            return;
        }
        if (agentAt == null || at.isBefore(agentAt)) {
            agent = agentName;
            agentAt = at;
        }
    }

    void intent(String intent, Instant at) {
        if (intent == null || intent.isBlank()) {
            return;
        }
        if (categoryAt == null || !at.isBefore(categoryAt)) {
            category = intent;
            categoryAt = at;
        }
    }
}
