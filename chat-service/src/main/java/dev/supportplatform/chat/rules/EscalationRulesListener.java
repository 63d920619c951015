package dev.supportplatform.chat.rules;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.EscalationEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Delivers escalation.rules_updated to every chat instance: a consumer group of its own per instance (a random
 * suffix), starting at the latest offset, because each instance holds its own copy of the rules. Nothing is stored,
 * so replays are harmless and no event_inbox is needed.
 */
@Component
class EscalationRulesListener {

    static final String ID = "chat-escalation-rules";

    private final TenantEscalationRules rules;

    EscalationRulesListener(TenantEscalationRules rules) {
        this.rules = rules;
    }

    @KafkaListener(id = ID, idIsGroup = false, groupId = "chat-service-rules-${random.uuid}", topics = Topics.ESCALATION,
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, String> record) {
        if (record.value() == null || !record.value().contains(EventType.ESCALATION_RULES_UPDATED.wireName())) {
            return; // ticket events: not for this listener (cheap check before parsing)
        }
        EventEnvelope event = EventEnvelope.fromJson(record.value());
        if (!EventType.ESCALATION_RULES_UPDATED.wireName().equals(event.type())) {
            return;
        }
        EscalationEvents.RulesUpdated r = event.payload(EscalationEvents.RulesUpdated.class);
        rules.changed(event.tenantId(), new EscalationThresholds(r.negativeSentimentThreshold(), r.complexityThreshold(),
                r.confidenceThreshold(), r.repeatedLowConfidenceCount(), r.policyKeywords(),
                r.updatedAt() == null ? event.occurredAt() : Instant.parse(r.updatedAt())));
    }
}
