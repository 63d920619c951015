package dev.supportplatform.escalation.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries: each worker thread claims a batch under a lease, sends it, records each outcome. Rows claimed
 * by a process that dies come back when their lease expires; rows not yet sent at shutdown are released at once.
 */
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryStore store;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public DeliveryWorker(DeliveryStore store, WebhookSender sender, WebhookProperties properties) {
        this.store = store;
        this.sender = sender;
        this.properties = properties;
    }

    /** New deliveries were committed: let idle workers look now rather than at the next poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() < properties.workers()) {
            wakeUps.release(properties.workers());
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            threads.add(Thread.ofPlatform().daemon().name("webhook-delivery-" + i).start(this::loop));
        }
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.release(threads.size());
        for (Thread t : threads) {
            try {
                // A request in flight finishes within its timeouts; the lease covers it if we are killed meanwhile.
                t.join(properties.connectTimeout().plus(properties.responseTimeout()).plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the DataSource it needs to record outcomes.
        return Integer.MAX_VALUE - 200;
    }

    private void loop() {
        UUID owner = UUID.randomUUID();
        Duration pause = properties.pollInterval();
        while (running) {
            try {
                List<DeliveryStore.Claimed> batch = store.claim(owner, properties.batchSize());
                if (batch.isEmpty()) {
                    wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                long claimedAt = System.nanoTime();
                for (int i = 0; i < batch.size(); i++) {
                    // A request started now must end (timeouts) before the lease does, or another worker could send it too.
                    boolean leaseTooShort = i > 0 && Duration.ofNanos(System.nanoTime() - claimedAt).compareTo(sendBudget()) > 0;
                    if (!running || leaseTooShort) {
                        store.release(batch.subList(i, batch.size()));
                        break;
                    }
                    deliver(batch.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Webhook delivery loop failed, retrying: {}", e.toString());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private Duration sendBudget() {
        return properties.lease().minus(properties.connectTimeout()).minus(properties.responseTimeout());
    }

    void deliver(DeliveryStore.Claimed c) {
        WebhookSender.Result result = sender.send(c.url(), c.secret(), c.id(), c.eventType(), c.payload());
        DeliveryStore.Outcome outcome = store.complete(c, result, true);
        if (outcome == DeliveryStore.Outcome.GIVEN_UP) {
            log.warn("Webhook subscription {} of tenant {} disabled: delivery {} failed for the whole retry window ({})",
                    c.subscriptionId(), c.tenantId(), c.id(), result.error());
        } else if (outcome == DeliveryStore.Outcome.LEASE_LOST) {
            log.info("Webhook delivery {} outlived its lease; another worker owns it now", c.id());
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
