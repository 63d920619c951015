package dev.supportplatform.common.service.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the outbox relay and the consumers ({@code platform.events.*}).
 *
 * @param topic             the topic this service owns (created at startup)
 * @param consumes          topics this service consumes (their {@code <topic>.dlt} dead-letter topics are created at startup)
 * @param partitions        partitions of each created topic
 * @param maxAttempts       deliveries of a failing record before it goes to the dead-letter topic
 * @param retryInterval     pause between those deliveries
 * @param retention         how long Kafka keeps the records of the topics this service creates (its own and the
 *                          dead-letter topics): the horizon of an analytics rebuild, and how long personal data in
 *                          events outlives an erasure (at most retention plus one segment, see {@link #segment()})
 * @param topicCheckInterval how often the settings of those topics are checked again once they were right (they can be
 *                          lost to a topic auto-created with the broker's defaults, or to a change by hand)
 */
@ConfigurationProperties("platform.events")
public record EventsProperties(
        String topic,
        @DefaultValue List<String> consumes,
        @DefaultValue("3") int partitions,
        @DefaultValue("200ms") Duration relayPollInterval,
        @DefaultValue("500") int relayBatchSize,
        @DefaultValue("15s") Duration relaySendTimeout,
        @DefaultValue("1d") Duration relayedRetention,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("500ms") Duration retryInterval,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("5m") Duration topicCheckInterval) {

    /** Kafka deletes whole segments: rolling one a day (or sooner) keeps records from outliving retention by more. */
    public Duration segment() {
        return retention.compareTo(Duration.ofDays(1)) < 0 ? retention : Duration.ofDays(1);
    }

    /** Topic settings that bound how long records live. */
    public java.util.Map<String, String> topicConfig() {
        return java.util.Map.of("retention.ms", Long.toString(retention.toMillis()), "segment.ms", Long.toString(segment().toMillis()),
                "cleanup.policy", "delete");
    }
}
