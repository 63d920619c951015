package dev.supportplatform.common.service.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;

/**
 * Makes sure this service's topics exist with their settings (retention above all) even when the broker could not be
 * reached at startup: Spring's KafkaAdmin tries once while the context starts and, as the platform does not fail on a
 * missing broker, only logs a failure. Once the service is ready, this tries again in the background (creating what is
 * missing, altering what differs) until it succeeds, waiting longer between attempts up to a minute.
 */
class PlatformTopicsReconciler {

    private static final Logger log = LoggerFactory.getLogger(PlatformTopicsReconciler.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private final KafkaAdmin admin;

    PlatformTopicsReconciler(KafkaAdmin admin) {
        this.admin = admin;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileInBackground() {
        Thread.ofVirtual().name("platform-topics").start(this::reconcile);
    }

    private void reconcile() {
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
            try {
                admin.initialize();
                if (attempt > 1) {
                    log.info("Topics configured after {} attempts", attempt);
                }
                return;
            } catch (RuntimeException e) {
                log.warn("Topics not configured yet (attempt {}), retrying in {}: {}", attempt, wait, e.toString());
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
    }
}
