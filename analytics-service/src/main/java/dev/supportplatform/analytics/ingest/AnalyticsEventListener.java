package dev.supportplatform.analytics.ingest;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.service.events.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes every topic analytics learns from, a poll at a time: the poll's events are applied in one transaction.
 * A record that is not a valid event ends the batch: the valid records before it are applied, and the error
 * handler sends it to the dead-letter topic and resumes after it.
 */
@Component
public class AnalyticsEventListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AnalyticsEventListener.class);
    private final EventBatchProcessor processor;

    public AnalyticsEventListener(EventBatchProcessor processor) {
        this.processor = processor;
    }

    @KafkaListener(id = "analytics-facts", idIsGroup = false, topics = {Topics.CHAT, Topics.CRM, Topics.KNOWLEDGE, Topics.ESCALATION},
            containerFactory = "analyticsBatchFactory")
    public void onBatch(List<ConsumerRecord<String, String>> records) {
        List<EventEnvelope> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            EventEnvelope event;
            try {
                event = parse(records.get(i));
            } catch (PoisonEventException e) {
                processor.process(events);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
            if (event != null) {
                events.add(event);
            }
        }
        long started = System.nanoTime();
        int applied = processor.process(events);
        if (log.isDebugEnabled()) {
            log.debug("Applied {} new of {} records in {} ms", applied, records.size(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** @return the event, or null for an event type this service does not know (a newer producer's; ignored) */
    public static EventEnvelope parse(ConsumerRecord<String, String> record) {
        EventEnvelope event;
        try {
            event = EventEnvelope.fromJson(record.value());
        } catch (RuntimeException e) {
            throw new PoisonEventException("Not a valid event at " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
        if (event.eventId() == null || event.type() == null || event.tenantId() == null || event.tenantId().isBlank()
                || event.occurredAt() == null || event.subject() == null) {
            throw new PoisonEventException("event_id, type, tenant_id, occurred_at and subject are required at "
                    + record.topic() + "-" + record.partition() + "@" + record.offset(), null);
        }
        if (EventType.fromWireName(event.type()).isEmpty()) {
            return null;
        }
        try {
            event.payload(EventType.fromWireName(event.type()).get().payloadType());
        } catch (RuntimeException e) {
            throw new PoisonEventException("Payload does not match " + event.type() + " at " + record.topic() + "-"
                    + record.partition() + "@" + record.offset(), e);
        }
        return event;
    }
}
