package dev.supportplatform.common.service.events;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.service.identity.IdentityContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Consumer;

/**
 * Makes a Kafka listener idempotent: the event's id is recorded in the same transaction as the handler's changes,
 * so an event delivered twice (a redelivery after a crash, a retry after a failure) takes effect once. The handler
 * runs as the service, in the event's tenant.
 */
public class EventInbox {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String serviceName;

    public EventInbox(JdbcTemplate jdbc, TransactionTemplate tx, String serviceName) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.serviceName = serviceName;
    }

    /**
     * @param consumer a stable name for this handler; two handlers of one event keep separate records
     * @return whether the handler ran (false: this consumer had already processed the event)
     */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, Consumer<EventEnvelope> handler) {
        EventEnvelope event = parse(record);
        return IdentityContext.callAs(Identity.service(serviceName, event.tenantId()), () -> Boolean.TRUE.equals(tx.execute(status -> {
            int inserted = jdbc.update("insert into event_inbox (consumer, event_id) values (?, ?) on conflict do nothing",
                    consumer, event.eventId());
            if (inserted == 0) {
                return false;
            }
            handler.accept(event);
            return true;
        })));
    }

    static EventEnvelope parse(ConsumerRecord<String, String> record) {
        try {
            EventEnvelope event = EventEnvelope.fromJson(record.value());
            if (event.eventId() == null || event.type() == null || event.tenantId() == null || event.tenantId().isBlank()) {
                throw new IllegalArgumentException("event_id, type and tenant_id are required");
            }
            return event;
        } catch (RuntimeException e) {
            throw new PoisonEventException("Not a valid event at " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
    }
}
