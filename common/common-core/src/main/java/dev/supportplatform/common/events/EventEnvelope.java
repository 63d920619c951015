package dev.supportplatform.common.events;

import dev.supportplatform.common.ids.Ids;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event on every topic: {@code event_id} (UUIDv7), {@code type}, {@code tenant_id}, {@code occurred_at},
 * {@code subject} (the conversation, contact, ticket or document it is about; also the Kafka key) and {@code data}.
 */
public record EventEnvelope(UUID eventId, String type, String tenantId, Instant occurredAt, String subject, JsonNode data) {

    /** A new event about {@code subject} in {@code tenantId}; its type comes from the payload's place in the catalog. */
    public static EventEnvelope of(String tenantId, String subject, Record payload) {
        EventType type = EventType.forPayload(payload.getClass());
        return new EventEnvelope(Ids.uuidV7(), type.wireName(), tenantId, Instant.now(), subject, EventJson.MAPPER.valueToTree(payload));
    }

    public EventType eventType() {
        return EventType.fromWireName(type).orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
    }

    public <T> T payload(Class<T> type) {
        return EventJson.MAPPER.treeToValue(data, type);
    }

    public String toJson() {
        return EventJson.MAPPER.writeValueAsString(this);
    }

    public static EventEnvelope fromJson(String json) {
        return EventJson.MAPPER.readValue(json, EventEnvelope.class);
    }
}
