package dev.supportplatform.analytics;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.ids.Ids;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Sends events to the topics as the owning services would: EventEnvelope JSON, keyed by subject. */
public final class Events {
    private final KafkaTemplate<String, String> kafka;
    private final String tenant;

    public Events(KafkaTemplate<String, String> kafka, String tenant) {
        this.kafka = kafka;
        this.tenant = tenant;
    }

    public static EventEnvelope envelope(String tenant, String subject, Instant at, Record payload) {
        return new EventEnvelope(Ids.uuidV7(), EventType.forPayload(payload.getClass()).wireName(), tenant, at, subject,
                EventJson.MAPPER.valueToTree(payload));
    }

    public EventEnvelope send(String subject, Instant at, Record payload) {
        EventEnvelope event = envelope(tenant, subject, at, payload);
        resend(event);
        return event;
    }

    /** Sends an event again, as a redelivery would. */
    public void resend(EventEnvelope event) {
        raw(event.eventType().topic(), event.subject(), event.toJson());
    }

    public void raw(String topic, String key, String value) {
        try {
            kafka.send(topic, key, value).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
