package dev.supportplatform.escalation.webhook;

import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.service.events.EventInbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns platform events into webhook deliveries: one row per subscribed endpoint, written in the same transaction that
 * records the event as consumed, so an event is queued exactly once however often Kafka hands it over.
 */
@Component
public class WebhookFanout {

    private final EventInbox inbox;
    private final DeliveryStore store;
    private final DeliveryWorker worker;

    public WebhookFanout(EventInbox inbox, DeliveryStore store, DeliveryWorker worker) {
        this.inbox = inbox;
        this.store = store;
        this.worker = worker;
    }

    @KafkaListener(topics = {Topics.CHAT, Topics.ESCALATION})
    public void on(ConsumerRecord<String, String> record) {
        inbox.consume("webhook-fanout", record, event -> WebhookEvents.bodyFor(event).ifPresent(body -> {
            int queued = store.enqueue(event.tenantId(), event.eventId(), event.subject(), body);
            if (queued > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        worker.wakeUp();
                    }
                });
            }
        }));
    }
}
