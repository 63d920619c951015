package dev.supportplatform.common.service.events;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventJson;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes an event as part of the caller's database transaction: the row commits with the change or not at
 * all, and {@link OutboxRelay} sends it to Kafka afterwards. The current trace context travels with the event.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public OutboxWriter(JdbcTemplate jdbc, OutboxRelay relay, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Must run inside a transaction: an event without its change (or a change without its event) is a bug. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(EventEnvelope event) {
        jdbc.update("insert into event_outbox (event_id, topic, message_key, payload, headers) values (?, ?, ?, ?::jsonb, ?::jsonb)",
                event.eventId(), event.eventType().topic(), event.subject(), event.toJson(),
                EventJson.MAPPER.writeValueAsString(traceHeaders()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }

    private Map<String, String> traceHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        if (t != null && p != null && t.currentTraceContext().context() != null) {
            p.inject(t.currentTraceContext().context(), headers, Map::put);
        }
        return headers;
    }
}
