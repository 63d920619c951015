package dev.supportplatform.knowledge.ingestion;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param allowLoopback whether URLs on this machine may be fetched (tests and the local stack only)
 * @param maxBytes      largest response body accepted
 * @param timeout       connect timeout, and the most a whole fetch (all redirects and the body) may take
 */
@ConfigurationProperties("knowledge.url")
public record UrlProperties(boolean allowLoopback, long maxBytes, Duration timeout, int maxRedirects) {
}
