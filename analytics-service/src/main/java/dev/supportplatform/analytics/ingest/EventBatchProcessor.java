package dev.supportplatform.analytics.ingest;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.payload.CrmEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one path by which events become facts and rollups: the live consumer, the rebuild from the topics and the
 * sample run of /api/test/metrics all call {@link #process}. Idempotent: each event id is claimed in the shared
 * event_inbox table (one consumer name per tenant, so a tenant's claims can be wiped for a rebuild) in the same
 * transaction as its effects, all of a poll's events in one statement.
 */
@Component
public class EventBatchProcessor {
    public static final String CONSUMER_PREFIX = "analytics-facts/";

    private final JdbcTemplate jdbc;

    public EventBatchProcessor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String consumerName(String tenant) {
        return CONSUMER_PREFIX + tenant;
    }

    /** @return how many of the events were new (the others had been processed before and are ignored) */
    @Transactional(propagation = Propagation.REQUIRED)
    public int process(List<EventEnvelope> events) {
        List<EventEnvelope> fresh = claim(events);
        List<EventEnvelope> run = new ArrayList<>();
        for (EventEnvelope event : fresh) {
            if (EventType.CONTACT_ERASED.wireName().equals(event.type())) {
                // Everything before the erasure is stored first, so the erasure anonymises it too.
                flush(run);
                var p = event.payload(CrmEvents.ContactErased.class);
                Erasures.erase(jdbc, event.tenantId(), p.contactId() != null ? p.contactId() : event.subject(), p.externalIds());
            } else {
                run.add(event);
            }
        }
        flush(run);
        return fresh.size();
    }

    private void flush(List<EventEnvelope> run) {
        if (!run.isEmpty()) {
            new FactBatch(jdbc, List.copyOf(run)).apply();
            run.clear();
        }
    }

    private List<EventEnvelope> claim(List<EventEnvelope> events) {
        Map<UUID, EventEnvelope> unique = new LinkedHashMap<>();
        for (EventEnvelope e : events) {
            unique.putIfAbsent(e.eventId(), e);
        }
        if (unique.isEmpty()) {
            return List.of();
        }
        String[] consumers = unique.values().stream().map(e -> consumerName(e.tenantId())).toArray(String[]::new);
        UUID[] ids = unique.keySet().toArray(UUID[]::new);
        Set<UUID> claimed = new HashSet<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("insert into event_inbox (consumer, event_id) select * from unnest(?::text[], ?::uuid[]) "
                    + "on conflict do nothing returning event_id");
            ps.setArray(1, con.createArrayOf("text", consumers));
            ps.setArray(2, con.createArrayOf("uuid", ids));
            return ps;
        }, rs -> {
            claimed.add(rs.getObject(1, UUID.class));
        });
        return unique.values().stream().filter(e -> claimed.contains(e.eventId())).toList();
    }
}
