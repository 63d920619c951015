package dev.supportplatform.escalation.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Webhook delivery settings ({@code platform.webhooks.*}).
 *
 * @param allowLoopback   accept loopback targets (127.0.0.0/8, ::1): only for tests and the local stack
 * @param retryWindow     how long a failing delivery is retried before it is given up (and its subscription disabled)
 * @param initialBackoff  the pause after the first failure; it doubles per attempt, with jitter
 * @param maxBackoff      the longest pause between two attempts
 * @param workers         delivery threads
 * @param batchSize       deliveries one worker claims at a time
 * @param lease           how long a claimed delivery stays reserved; must exceed connect + response timeouts
 * @param pollInterval    how often idle workers look for due deliveries
 */
@ConfigurationProperties("platform.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("24h") Duration retryWindow,
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("4") int workers,
        @DefaultValue("10") int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration responseTimeout) {
}
