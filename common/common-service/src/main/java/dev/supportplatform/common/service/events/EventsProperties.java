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
        @DefaultValue("500ms") Duration retryInterval) {
}
