package dev.supportplatform.common.service.config;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps this service's topics in existence with their settings (retention above all). Spring's KafkaAdmin tries once
 * while the context starts and, as the platform does not fail on a missing broker, only logs a failure; and even when
 * it succeeds the settings can be lost: a consumer's metadata request may auto-create the topic with the broker's
 * defaults between KafkaAdmin seeing it missing and creating it (KafkaAdmin then takes "already exists" for done;
 * seen in the end-to-end privacy test on a slow start). So once the service is ready this applies the settings
 * (creating what is missing, altering what differs), reads them back, and repeats: soon while they are not right
 * (waiting longer between attempts, up to a minute), then every {@code checkInterval}.
 */
class PlatformTopicsReconciler {

    private static final Logger log = LoggerFactory.getLogger(PlatformTopicsReconciler.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private final KafkaAdmin admin;
    private final List<NewTopic> topics;
    private final Duration checkInterval;

    /** @param topics the topics the {@link KafkaAdmin.NewTopics} bean declares */
    PlatformTopicsReconciler(KafkaAdmin admin, List<NewTopic> topics, Duration checkInterval) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.checkInterval = checkInterval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileInBackground() {
        if (!topics.isEmpty()) {
            Thread.ofVirtual().name("platform-topics").start(this::reconcile);
        }
    }

    private void reconcile() {
        Duration retry = FIRST_RETRY;
        boolean wasRight = false;
        while (!Thread.currentThread().isInterrupted()) {
            boolean right = false;
            try {
                admin.initialize();
                List<String> differing = differing();
                right = differing.isEmpty();
                if (!right) {
                    log.warn("Topic settings not (yet) applied to {}, again in {}", differing, retry);
                } else if (!wasRight) {
                    log.info("Topics configured: {}", topics.stream().map(NewTopic::name).toList());
                }
            } catch (RuntimeException e) {
                log.warn("Topics not configured yet, again in {}: {}", retry, e.toString());
            }
            Duration wait = right ? checkInterval : retry;
            Duration doubled = retry.multipliedBy(2);
            retry = right ? FIRST_RETRY : doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
            wasRight = right;
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The topics whose settings, as the broker reports them, differ from the declared ones. */
    private List<String> differing() {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        Map<ConfigResource, Config> actual;
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            actual = client.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the topics' settings", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<String> differing = new ArrayList<>();
        for (NewTopic topic : topics) {
            Config config = actual.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            boolean same = config != null && topic.configs().entrySet().stream().allMatch(declared -> {
                ConfigEntry entry = config.get(declared.getKey());
                return entry != null && declared.getValue().equals(entry.value());
            });
            if (!same) {
                differing.add(topic.name());
            }
        }
        return differing;
    }
}
