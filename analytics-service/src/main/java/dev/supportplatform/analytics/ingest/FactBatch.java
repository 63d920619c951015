package dev.supportplatform.analytics.ingest;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.events.payload.KnowledgeEvents;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.supportplatform.analytics.ingest.Buckets.ts;
import static dev.supportplatform.analytics.ingest.RollupDeltas.ANSWERS;
import static dev.supportplatform.analytics.ingest.RollupDeltas.CONVERSATIONS;
import static dev.supportplatform.analytics.ingest.RollupDeltas.EVENTS;
import static dev.supportplatform.analytics.ingest.RollupDeltas.TOOLS;

/**
 * Applies a run of new (already de-duplicated) events to the facts and rollups in the caller's transaction:
 * facts are inserted in batches, conversation rows are loaded once and merged in memory, and the rollup
 * changes are summed in memory and written once. A contact.erased event ends the run (see {@link EventBatchProcessor}).
 */
final class FactBatch {
    private static final Set<String> HUMAN_SENDERS = Set.of("human", "agent", "human_agent");

    private final JdbcTemplate jdbc;
    private final List<EventEnvelope> events;
    private final RollupDeltas deltas = new RollupDeltas();
    private final Map<String, ConversationState> byUuid = new HashMap<>();
    private final Map<String, ConversationState> byExternal = new HashMap<>();
    private final Set<List<Object>> activity = new LinkedHashSet<>();
    private final Set<List<String>> agents = new LinkedHashSet<>();
    private final Map<List<String>, Instant> lastActive = new HashMap<>();
    private final List<Object[]> sessionRows = new ArrayList<>();
    private final List<Object[]> feedbackRows = new ArrayList<>();
    private final List<Object[]> toolRows = new ArrayList<>();
    private Erasures erasures;

    FactBatch(JdbcTemplate jdbc, List<EventEnvelope> events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    void apply() {
        lockTenants();
        erasures = Erasures.load(jdbc, contactIds());
        loadConversations();
        boolean[] fresh = insertMessageFacts();
        for (int i = 0; i < events.size(); i++) {
            if (fresh[i]) {
                applyOne(events.get(i));
            }
        }
        matchEscalationsOfNewConversations();
        writeConversations();
        deltas.write(jdbc, zones());
        writeActivityAndAgents();
        writeOtherFacts();
    }

    private void writeOtherFacts() {
        Unnest.insert(jdbc, "session_fact", Unnest.columns("tenant_id", "text", "event_id", "uuid", "session_id", "text", "conversation_uuid", "text",
                "contact_id", "text", "duration_minutes", "int8", "message_count", "int4", "escalated", "bool", "closed_at", "timestamptz"),
                sessionRows, "on conflict do nothing", null);
        Unnest.insert(jdbc, "feedback_fact", Unnest.columns("tenant_id", "text", "event_id", "uuid", "conversation_uuid", "text",
                "contact_id", "text", "rating", "int4", "occurred_at", "timestamptz"), feedbackRows, "on conflict do nothing", null);
        Unnest.insert(jdbc, "tool_call_fact", Unnest.columns("tenant_id", "text", "event_id", "uuid", "conversation_uuid", "text", "tool", "text",
                "success", "bool", "latency_ms", "int8", "occurred_at", "timestamptz"), toolRows, "on conflict do nothing", null);
    }

    /** The tenants' time zones, read after their locks are held (a zone change rebuilds the day rollups under the same lock). */
    private Map<String, java.time.ZoneId> zones() {
        Map<String, java.time.ZoneId> zones = new HashMap<>();
        String[] tenants = events.stream().map(EventEnvelope::tenantId).distinct().toArray(String[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("select tenant_id, time_zone from tenant_setting where tenant_id = any(?)");
            ps.setArray(1, con.createArrayOf("text", tenants));
            return ps;
        }, rs -> {
            zones.put(rs.getString(1), java.time.ZoneId.of(rs.getString(2)));
        });
        return zones;
    }

    /** One writer per tenant at a time (the live consumer, a rebuild, a sample run), so merges never race. */
    private void lockTenants() {
        for (String tenant : new TreeSet<>(events.stream().map(EventEnvelope::tenantId).toList())) {
            jdbc.queryForList("select pg_advisory_xact_lock(hashtext('analytics:' || ?))", tenant);
        }
    }

    // --- loading ---------------------------------------------------------------------------------------------

    private Map<String, Set<String>> contactIds() {
        Map<String, Set<String>> ids = new HashMap<>();
        for (EventEnvelope e : events) {
            Set<String> set = ids.computeIfAbsent(e.tenantId(), t -> new HashSet<>());
            for (String field : List.of("contact_id", "customer_id", "external_id")) {
                var node = e.data() == null ? null : e.data().get(field);
                if (node != null && node.isString()) {
                    set.add(node.asString());
                }
            }
        }
        return ids;
    }

    private void loadConversations() {
        List<String> tenants = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (EventEnvelope e : events) {
            for (String ref : conversationRefs(e)) {
                tenants.add(e.tenantId());
                refs.add(ref);
            }
        }
        if (refs.isEmpty()) {
            return;
        }
        jdbc.query(con -> {
            // A ref is a conversation's uuid or its external id: two index lookups, united. (One join on "uuid = ref or
            // external_id = ref" is planned as a hash join over the whole table: 100 ms per batch at 100,000 conversations.)
            var ps = con.prepareStatement("with q as (select distinct * from unnest(?::text[], ?::text[]) as q(tenant_id, ref)), "
                    + "k as (select c.tenant_id, c.conversation_uuid from conversation_fact c join q on c.tenant_id = q.tenant_id "
                    + "and c.conversation_uuid = q.ref union select c.tenant_id, c.conversation_uuid from conversation_fact c join q "
                    + "on c.tenant_id = q.tenant_id and c.external_id = q.ref) "
                    + "select c.tenant_id, c.conversation_uuid, c.external_id, c.contact_id, c.channel, c.title, "
                    + "c.category, c.category_at, c.agent, c.agent_at, c.created_at, c.last_activity_at, c.message_count, c.escalated, c.resolved "
                    + "from conversation_fact c join k on c.tenant_id = k.tenant_id and c.conversation_uuid = k.conversation_uuid "
                    + "order by c.tenant_id, c.conversation_uuid for update of c");
            ps.setArray(1, con.createArrayOf("text", tenants.toArray()));
            ps.setArray(2, con.createArrayOf("text", refs.toArray()));
            return ps;
        }, rs -> {
            ConversationState state = new ConversationState(rs.getString(1), rs.getString(2), true, rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)), rs.getString(9),
                    instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), rs.getInt(13),
                    rs.getBoolean(14), rs.getBoolean(15));
            index(state);
        });
    }

    private static List<String> conversationRefs(EventEnvelope e) {
        EventType type = EventType.fromWireName(e.type()).orElse(null);
        if (type == null) {
            return List.of();
        }
        if (type.topic().equals(dev.supportplatform.common.events.Topics.CHAT)) {
            return e.subject() == null ? List.of() : List.of(e.subject());
        }
        if (type.topic().equals(dev.supportplatform.common.events.Topics.ESCALATION)) {
            List<String> refs = new ArrayList<>();
            for (String field : List.of("conversation_id", "session_id")) {
                var node = e.data() == null ? null : e.data().get(field);
                if (node != null && node.isString()) {
                    refs.add(node.asString());
                }
            }
            return refs;
        }
        return List.of();
    }

    private void index(ConversationState state) {
        byUuid.put(state.tenant + "|" + state.uuid, state);
        if (state.externalId != null) {
            byExternal.put(state.tenant + "|" + state.externalId, state);
        }
    }

    private ConversationState conversation(EventEnvelope e, String externalId, String contactId) {
        String key = e.tenantId() + "|" + e.subject();
        ConversationState state = byUuid.get(key);
        if (state == null) {
            state = ConversationState.fresh(e.tenantId(), e.subject(), e.occurredAt());
            byUuid.put(key, state);
        }
        state.seen(e.occurredAt());
        state.fill(externalId, erasures.apply(e.tenantId(), contactId));
        index(state);
        return state;
    }

    private ConversationState findConversation(String tenant, String... refs) {
        for (String ref : refs) {
            if (ref == null) {
                continue;
            }
            ConversationState state = byUuid.get(tenant + "|" + ref);
            if (state == null) {
                state = byExternal.get(tenant + "|" + ref);
            }
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    // --- message facts: inserted first, so that a message described twice counts once --------------------

    private static final List<Unnest.Column> MESSAGE_COLUMNS = Unnest.columns("tenant_id", "text", "message_id", "text", "kind", "text",
            "conversation_uuid", "text", "contact_id", "text", "sender", "text", "agent", "text", "model", "text", "input_tokens", "int4",
            "output_tokens", "int4", "cost_usd", "float8", "response_time_ms", "int8", "cached", "bool", "confidence", "float8",
            "sentiment", "float8", "complexity", "float8", "intent", "text", "occurred_at", "timestamptz");

    private boolean[] insertMessageFacts() {
        boolean[] fresh = new boolean[events.size()];
        List<Object[]> rows = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope e = events.get(i);
            Object[] row = messageRow(e);
            if (row == null) {
                fresh[i] = true;
            } else {
                rows.add(row);
                positions.add(i);
            }
        }
        Set<List<String>> inserted = new HashSet<>(Unnest.insert(jdbc, "message_fact", MESSAGE_COLUMNS, rows,
                "on conflict do nothing returning tenant_id, message_id, kind", (rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))));
        for (int j = 0; j < rows.size(); j++) {
            Object[] row = rows.get(j);
            // A key inserted by this statement belongs to its first row; a later row with the same key is a duplicate.
            fresh[positions.get(j)] = inserted.remove(List.of((String) row[0], (String) row[1], (String) row[2]));
        }
        return fresh;
    }

    private Object[] messageRow(EventEnvelope e) {
        String t = e.tenantId();
        Timestamp at = ts(e.occurredAt());
        return switch (e.eventType()) {
            case MESSAGE_RECEIVED -> {
                var p = payload(e, ChatEvents.MessageReceived.class);
                yield new Object[]{t, idOr(p.messageId(), e), "user", e.subject(), erasures.apply(t, p.contactId()), "user", null, null,
                        0, 0, 0.0, null, null, null, null, null, null, at};
            }
            case MESSAGE_ANSWERED -> {
                var p = payload(e, ChatEvents.MessageAnswered.class);
                boolean human = isHuman(p.sender(), p.model());
                yield new Object[]{t, idOr(p.messageId(), e), "answer", e.subject(), erasures.apply(t, p.contactId()),
                        human ? "human" : "ai", p.agent(), human ? null : modelName(p.model()), p.inputTokens(), p.outputTokens(),
                        p.costUsd(), p.responseTimeMs(), p.cached(), p.confidence(), p.sentimentScore(), p.complexityScore(), p.intent(), at};
            }
            case ESCALATION_AGENT_REPLIED -> {
                var p = payload(e, EscalationEvents.AgentReplied.class);
                ConversationState conv = findConversation(t, p.conversationId(), p.sessionId());
                String ref = conv != null ? conv.uuid : firstNonNull(p.conversationId(), p.sessionId(), e.subject());
                yield new Object[]{t, idOr(p.messageId(), e), "answer", ref, erasures.apply(t, p.customerId()), "human", p.agentId(),
                        null, 0, 0, 0.0, null, null, null, null, null, null, at};
            }
            default -> null;
        };
    }

    static boolean isHuman(String sender, String model) {
        return sender != null && HUMAN_SENDERS.contains(sender.toLowerCase(Locale.ROOT));
    }

    private static String modelName(String model) {
        return model == null || model.isBlank() ? "unknown" : model;
    }

    private static String idOr(String id, EventEnvelope e) {
        return id == null || id.isBlank() ? e.eventId().toString() : id;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    // --- per-event effects -----------------------------------------------------------------------------------

    private void applyOne(EventEnvelope e) {
        String t = e.tenantId();
        Instant at = e.occurredAt();
        switch (e.eventType()) {
            case CONVERSATION_CREATED -> {
                var p = payload(e, ChatEvents.ConversationCreated.class);
                ConversationState c = conversation(e, p.conversationId(), p.contactId());
                if (c.channel == null) {
                    c.channel = p.channel();
                }
                if (c.title == null && !erasures.isErased(t, p.contactId())) {
                    c.title = p.title();
                }
            }
            case MESSAGE_RECEIVED -> {
                var p = payload(e, ChatEvents.MessageReceived.class);
                ConversationState c = conversation(e, p.conversationId(), p.contactId());
                if (c.channel == null) {
                    c.channel = p.channel();
                }
                c.messageCount++;
                deltas.add(EVENTS, t, at, "user_messages", 1);
                active(t, at, p.contactId());
            }
            case MESSAGE_ANSWERED -> {
                var p = payload(e, ChatEvents.MessageAnswered.class);
                ConversationState c = conversation(e, p.conversationId(), p.contactId());
                c.messageCount++;
                if (isHuman(p.sender(), p.model())) {
                    deltas.add(EVENTS, t, at, "human_answers", 1);
                    return;
                }
                c.answeredBy(p.agent(), at);
                c.intent(p.intent(), at);
                String model = modelName(p.model());
                String agent = p.agent() == null ? "" : p.agent();
                if (!agent.isEmpty()) {
                    agents.add(List.of(t, agent));
                }
                deltas.add(EVENTS, t, at, "ai_answers", 1);
                deltas.add(EVENTS, t, at, "input_tokens", p.inputTokens());
                deltas.add(EVENTS, t, at, "output_tokens", p.outputTokens());
                deltas.add(EVENTS, t, at, "cost_usd", p.costUsd());
                deltas.add(EVENTS, t, at, "response_ms_sum", p.responseTimeMs());
                deltas.add(EVENTS, t, at, "cached_answers", p.cached() ? 1 : 0);
                deltas.add(EVENTS, t, at, "generated_ms_sum", p.cached() ? 0 : p.responseTimeMs());
                deltas.add(EVENTS, t, at, "sentiment_" + Sentiment.label(p.sentimentScore()), 1);
                deltas.add(EVENTS, t, at, "sentiment_sum", p.sentimentScore());
                deltas.add(EVENTS, t, at, "complexity_sum", p.complexityScore());
                if (p.retrievalMs() != null) {
                    deltas.add(EVENTS, t, at, "retrieval_ms_sum", p.retrievalMs());
                    deltas.add(EVENTS, t, at, "retrievals", 1);
                }
                deltas.add(ANSWERS, t, at, "answers", 1, model, agent);
                deltas.add(ANSWERS, t, at, "input_tokens", p.inputTokens(), model, agent);
                deltas.add(ANSWERS, t, at, "output_tokens", p.outputTokens(), model, agent);
                deltas.add(ANSWERS, t, at, "cost_usd", p.costUsd(), model, agent);
                deltas.add(ANSWERS, t, at, "response_ms_sum", p.responseTimeMs(), model, agent);
                deltas.add(ANSWERS, t, at, "cached_answers", p.cached() ? 1 : 0, model, agent);
                active(t, at, p.contactId());
            }
            case CONVERSATION_ESCALATED -> {
                var p = payload(e, ChatEvents.ConversationEscalated.class);
                conversation(e, p.conversationId(), p.contactId()).escalated = true;
            }
            case CONVERSATION_RESOLVED -> {
                var p = payload(e, ChatEvents.ConversationResolved.class);
                conversation(e, p.conversationId(), p.contactId()).resolved = true;
            }
            case SESSION_CLOSED -> {
                var p = payload(e, ChatEvents.SessionClosed.class);
                ConversationState c = conversation(e, p.conversationId(), p.contactId());
                c.resolved = true;
                if (p.escalated()) {
                    c.escalated = true;
                }
                sessionRows.add(new Object[]{t, e.eventId().toString(), p.sessionId(), e.subject(), erasures.apply(t, p.contactId()),
                        p.durationMinutes(), p.messageCount(), p.escalated(), ts(at)});
                deltas.add(EVENTS, t, at, "sessions_closed", 1);
                deltas.add(EVENTS, t, at, "session_minutes_sum", p.durationMinutes());
                deltas.add(EVENTS, t, at, "session_messages_sum", p.messageCount());
            }
            case FEEDBACK_SUBMITTED -> {
                var p = payload(e, ChatEvents.FeedbackSubmitted.class);
                conversation(e, p.conversationId(), p.contactId());
                feedbackRows.add(new Object[]{t, e.eventId().toString(), e.subject(), erasures.apply(t, p.contactId()), p.rating(), ts(at)});
                deltas.add(EVENTS, t, at, "feedback_count", 1);
                deltas.add(EVENTS, t, at, "feedback_sum", p.rating());
            }
            case TOOL_INVOKED -> {
                var p = payload(e, ChatEvents.ToolInvoked.class);
                conversation(e, p.conversationId(), null);
                boolean ok = !"error".equalsIgnoreCase(p.status());
                String tool = p.tool() == null || p.tool().isBlank() ? "unknown" : p.tool();
                toolRows.add(new Object[]{t, e.eventId().toString(), e.subject(), tool, ok, p.latencyMs(), ts(at)});
                deltas.add(EVENTS, t, at, "tool_calls", 1);
                deltas.add(EVENTS, t, at, "tool_errors", ok ? 0 : 1);
                deltas.add(EVENTS, t, at, "tool_latency_ms_sum", p.latencyMs());
                deltas.add(TOOLS, t, at, "calls", 1, tool);
                deltas.add(TOOLS, t, at, "errors", ok ? 0 : 1, tool);
                deltas.add(TOOLS, t, at, "latency_ms_sum", p.latencyMs(), tool);
            }
            case CONTACT_CREATED -> {
                var p = payload(e, CrmEvents.ContactCreated.class);
                String contactId = p.contactId() != null ? p.contactId() : e.subject();
                deltas.add(EVENTS, t, at, "contacts_created", 1);
                if (erasures.isErased(t, contactId) || erasures.isErased(t, p.externalId())) {
                    return; // still a new user that day (counts stay), but nothing is kept about them
                }
                jdbc.update("insert into contact_fact (tenant_id, contact_id, external_id, created_at) values (?, ?, ?, ?) "
                        + "on conflict (tenant_id, contact_id) do update set external_id = coalesce(contact_fact.external_id, excluded.external_id), "
                        + "created_at = least(contact_fact.created_at, excluded.created_at)",
                        t, contactId, p.externalId(), ts(at));
            }
            case CONTACT_UPDATED -> {
                var p = payload(e, CrmEvents.ContactUpdated.class);
                String contactId = p.contactId() != null ? p.contactId() : e.subject();
                if (erasures.isErased(t, contactId) || erasures.isErased(t, p.externalId())) {
                    return;
                }
                jdbc.update("insert into contact_fact (tenant_id, contact_id, external_id, active, created_at) values (?, ?, ?, ?, ?) "
                                + "on conflict (tenant_id, contact_id) do update set external_id = coalesce(excluded.external_id, contact_fact.external_id), "
                                + "active = excluded.active", t, contactId, p.externalId(), p.active(), ts(at));
            }
            case DOCUMENT_INGESTED -> {
                var p = payload(e, KnowledgeEvents.DocumentIngested.class);
                jdbc.update("insert into document_fact (tenant_id, document_id, filename, content_type, source_type, doc_type, collection, "
                                + "chunks, size_bytes, ingested_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, document_id) do update set "
                                + "filename = excluded.filename, content_type = excluded.content_type, source_type = excluded.source_type, "
                                + "doc_type = excluded.doc_type, collection = excluded.collection, chunks = excluded.chunks, size_bytes = excluded.size_bytes, "
                                + "ingested_at = excluded.ingested_at where excluded.ingested_at >= document_fact.ingested_at",
                        t, p.documentId() != null ? p.documentId() : e.subject(), p.filename(), p.contentType(), p.sourceType(),
                        DocumentTypes.of(p.sourceType(), p.contentType(), p.filename()), collection(p.collection()), p.chunks(), p.sizeBytes(), ts(at));
            }
            case DOCUMENT_DELETED -> {
                var p = payload(e, KnowledgeEvents.DocumentDeleted.class);
                jdbc.update("insert into document_fact (tenant_id, document_id, filename, doc_type, collection, chunks, size_bytes, ingested_at, deleted_at) "
                                + "values (?, ?, ?, 'other', ?, 0, 0, '-infinity', ?) on conflict (tenant_id, document_id) do update set "
                                + "deleted_at = greatest(document_fact.deleted_at, excluded.deleted_at)",
                        t, p.documentId() != null ? p.documentId() : e.subject(), p.filename(), collection(p.collection()), ts(at));
            }
            case ESCALATION_CREATED -> {
                var p = payload(e, EscalationEvents.EscalationCreated.class);
                upsertTicket(e, p.ticketId(), p.conversationId(), p.sessionId(), p.customerId(), p.priority(), p.reason(), "open", null, null);
                deltas.add(EVENTS, t, at, "escalations_created", 1);
                ConversationState c = findConversation(t, p.conversationId(), p.sessionId());
                if (c != null) {
                    c.escalated = true;
                }
            }
            case ESCALATION_UPDATED -> {
                var p = payload(e, EscalationEvents.EscalationUpdated.class);
                String status = p.status() == null ? null : p.status().toLowerCase(Locale.ROOT);
                upsertTicket(e, p.ticketId(), p.conversationId(), p.sessionId(), p.customerId(), null, null, status, p.assignedAgent(),
                        p.customerSatisfaction());
                ConversationState c = findConversation(t, p.conversationId(), p.sessionId());
                if (c != null) {
                    c.escalated = true;
                    if (TicketStatus.isDone(status)) {
                        c.resolved = true;
                    }
                }
            }
            case ESCALATION_AGENT_REPLIED -> deltas.add(EVENTS, t, at, "human_answers", 1);
            case ESCALATION_SLA_BREACHED -> {
                var p = payload(e, EscalationEvents.SlaBreached.class);
                String ticketId = p.ticketId() != null ? p.ticketId() : e.subject();
                Instant due = p.dueAt() != null ? Instant.parse(p.dueAt()) : at;
                upsertTicket(e, ticketId, p.conversationId(), p.sessionId(), p.customerId(), p.priority(), p.reason(), null, null, null);
                // A ticket breaches once, whatever the number of events saying so; it counts where its response was due.
                int first = jdbc.update("update escalation_fact set sla_breached_at = ? where tenant_id = ? and ticket_id = ? "
                        + "and sla_breached_at is null", ts(due), t, ticketId);
                if (first > 0) {
                    deltas.add(EVENTS, t, due, "sla_breaches", 1);
                }
            }
            case CONTACT_ERASED -> throw new IllegalStateException("contact.erased is handled between batches");
        }
    }

    private static String collection(String collection) {
        return collection == null || collection.isBlank() ? "documents" : collection;
    }

    private void active(String tenant, Instant at, String contactId) {
        String id = erasures.apply(tenant, contactId);
        if (id != null && !id.isBlank()) {
            activity.add(List.of(tenant, Buckets.of(at), id));
            lastActive.merge(List.of(tenant, id), at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private void upsertTicket(EventEnvelope e, String ticketId, String conversationRef, String sessionRef, String customerId,
                              String priority, String reason, String status, String assignedAgent, Integer satisfaction) {
        String t = e.tenantId();
        jdbc.update("insert into escalation_fact (tenant_id, ticket_id, conversation_ref, session_ref, customer_id, priority, reason, status, "
                        + "status_at, assigned_agent, satisfaction, created_at) values (?, ?, ?, ?, ?, ?, ?, coalesce(?, 'open'), ?, ?, ?, ?) "
                        + "on conflict (tenant_id, ticket_id) do update set "
                        + "conversation_ref = coalesce(escalation_fact.conversation_ref, excluded.conversation_ref), "
                        + "session_ref = coalesce(escalation_fact.session_ref, excluded.session_ref), "
                        + "customer_id = coalesce(escalation_fact.customer_id, excluded.customer_id), "
                        + "priority = coalesce(escalation_fact.priority, excluded.priority), reason = coalesce(escalation_fact.reason, excluded.reason), "
                        + "status = case when excluded.status_at >= escalation_fact.status_at and ? then excluded.status else escalation_fact.status end, "
                        + "status_at = case when ? then greatest(escalation_fact.status_at, excluded.status_at) else escalation_fact.status_at end, "
                        + "assigned_agent = case when excluded.status_at >= escalation_fact.status_at and excluded.assigned_agent is not null "
                        + "then excluded.assigned_agent else coalesce(escalation_fact.assigned_agent, excluded.assigned_agent) end, "
                        + "satisfaction = case when excluded.status_at >= escalation_fact.status_at and excluded.satisfaction is not null "
                        + "then excluded.satisfaction else coalesce(escalation_fact.satisfaction, excluded.satisfaction) end, "
                        + "created_at = least(escalation_fact.created_at, excluded.created_at)",
                t, ticketId != null ? ticketId : e.subject(), conversationRef, sessionRef, erasures.apply(t, customerId), priority, reason,
                status, ts(e.occurredAt()), assignedAgent, satisfaction, ts(e.occurredAt()), status != null, status != null);
    }

    // --- conversations seen for the first time may already have tickets (another topic, another order) -----

    private void matchEscalationsOfNewConversations() {
        List<String> tenants = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        Map<String, ConversationState> byRef = new LinkedHashMap<>();
        for (ConversationState c : byUuid.values()) {
            boolean matchedBefore = c.stored && (c.externalId == null || c.externalId.equals(c.storedExternalId));
            if (matchedBefore) {
                continue;
            }
            for (String ref : new String[]{c.uuid, c.externalId}) {
                if (ref != null) {
                    tenants.add(c.tenant);
                    refs.add(ref);
                    byRef.put(c.tenant + "|" + ref, c);
                }
            }
        }
        if (refs.isEmpty()) {
            return;
        }
        jdbc.query(con -> {
            // Two index lookups per ref rather than one "or" join, which would scan the whole table (see loadConversations).
            var ps = con.prepareStatement("select q.tenant_id, q.ref, bool_or(e.status in ('resolved', 'closed')) "
                    + "from unnest(?::text[], ?::text[]) as q(tenant_id, ref) join lateral ("
                    + "select status from escalation_fact e where e.tenant_id = q.tenant_id and e.conversation_ref = q.ref "
                    + "union all select status from escalation_fact e where e.tenant_id = q.tenant_id and e.session_ref = q.ref) e on true "
                    + "group by q.tenant_id, q.ref");
            ps.setArray(1, con.createArrayOf("text", tenants.toArray()));
            ps.setArray(2, con.createArrayOf("text", refs.toArray()));
            return ps;
        }, rs -> {
            ConversationState c = byRef.get(rs.getString(1) + "|" + rs.getString(2));
            if (c != null) {
                c.escalated = true;
                if (rs.getBoolean(3)) {
                    c.resolved = true;
                }
            }
        });
    }

    // --- writing ------------------------------------------------------------------------------------------

    private static final List<Unnest.Column> CONVERSATION_COLUMNS = Unnest.columns("tenant_id", "text", "conversation_uuid", "text",
            "external_id", "text", "contact_id", "text", "channel", "text", "title", "text", "category", "text", "category_at", "timestamptz",
            "agent", "text", "agent_at", "timestamptz", "created_at", "timestamptz", "last_activity_at", "timestamptz", "message_count", "int4",
            "escalated", "bool", "resolved", "bool");

    private void writeConversations() {
        List<Object[]> rows = new ArrayList<>();
        List<ConversationState> ordered = byUuid.values().stream().distinct()
                .sorted(java.util.Comparator.comparing((ConversationState c) -> c.tenant).thenComparing(c -> c.uuid)).toList();
        for (ConversationState c : ordered) {
            if (!c.changed()) {
                continue;
            }
            ConversationState.Contribution now = c.contribution();
            if (c.original != null) {
                addContribution(c.tenant, c.original, -1);
            }
            addContribution(c.tenant, now, 1);
            rows.add(new Object[]{c.tenant, c.uuid, c.externalId, c.contactId, c.channel, c.title, c.category, ts(c.categoryAt), c.agent,
                    ts(c.agentAt), ts(c.createdAt), ts(c.lastActivityAt), c.messageCount, c.escalated, c.resolved});
        }
        if (!rows.isEmpty()) {
            Unnest.insert(jdbc, "conversation_fact", CONVERSATION_COLUMNS, rows, "on conflict (tenant_id, conversation_uuid) do update set "
                    + "external_id = excluded.external_id, contact_id = excluded.contact_id, channel = excluded.channel, title = excluded.title, "
                    + "category = excluded.category, category_at = excluded.category_at, agent = excluded.agent, agent_at = excluded.agent_at, "
                    + "created_at = excluded.created_at, last_activity_at = excluded.last_activity_at, message_count = excluded.message_count, "
                    + "escalated = excluded.escalated, resolved = excluded.resolved", null);
        }
    }

    private void addContribution(String tenant, ConversationState.Contribution c, int sign) {
        deltas.add(CONVERSATIONS, tenant, c.bucket(), "conversations", sign, c.agent());
        deltas.add(CONVERSATIONS, tenant, c.bucket(), "escalated", sign * c.escalated(), c.agent());
        deltas.add(CONVERSATIONS, tenant, c.bucket(), "resolved", sign * c.resolved(), c.agent());
        deltas.add(CONVERSATIONS, tenant, c.bucket(), "ai_resolved", sign * c.aiResolved(), c.agent());
        deltas.add(CONVERSATIONS, tenant, c.bucket(), "messages", sign * c.messages(), c.agent());
    }

    private void writeActivityAndAgents() {
        if (!activity.isEmpty()) {
            Unnest.insert(jdbc, "contact_activity", Unnest.columns("tenant_id", "text", "bucket", "timestamptz", "contact_id", "text"),
                    activity.stream().map(a -> new Object[]{a.get(0), ts((Instant) a.get(1)), a.get(2)}).toList(), "on conflict do nothing", null);
        }
        if (!lastActive.isEmpty()) {
            Unnest.insert(jdbc, "contact_last_active", Unnest.columns("tenant_id", "text", "contact_id", "text", "last_active_at", "timestamptz"),
                    lastActive.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                                    .thenComparing(k -> k.get(1))))
                            .map(e -> new Object[]{e.getKey().get(0), e.getKey().get(1), ts(e.getValue())}).toList(),
                    "on conflict (tenant_id, contact_id) do update set last_active_at = greatest(contact_last_active.last_active_at, "
                            + "excluded.last_active_at)", null);
        }
        if (!agents.isEmpty()) {
            jdbc.batchUpdate("insert into agent_dim (tenant_id, name) values (?, ?) on conflict do nothing",
                    agents.stream().map(a -> new Object[]{a.get(0), a.get(1)}).toList());
        }
    }

    private final Map<EventEnvelope, Object> payloads = new java.util.IdentityHashMap<>();

    /** Each event's payload is read once per batch, however many steps look at it. */
    private <T> T payload(EventEnvelope e, Class<T> type) {
        return type.cast(payloads.computeIfAbsent(e, x -> x.payload(type)));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
