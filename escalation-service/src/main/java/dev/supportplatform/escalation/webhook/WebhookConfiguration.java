package dev.supportplatform.escalation.webhook;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    UrlGuard urlGuard(WebhookProperties properties) {
        if (properties.lease().compareTo(properties.connectTimeout().plus(properties.responseTimeout())) <= 0) {
            throw new IllegalStateException("platform.webhooks.lease must be longer than connect-timeout + response-timeout: "
                    + "a request could otherwise outlive its lease and be sent twice");
        }
        if (properties.retryWindow().compareTo(java.time.Duration.ofHours(24)) < 0) {
            org.slf4j.LoggerFactory.getLogger(WebhookConfiguration.class)
                    .warn("platform.webhooks.retry-window is {}: shorter than the 24 h receivers are promised", properties.retryWindow());
        }
        return new UrlGuard(properties.allowLoopback());
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(UrlGuard guard, WebhookProperties properties) {
        return new WebhookSender(guard, properties);
    }

    @Bean
    DeliveryWorker deliveryWorker(DeliveryStore store, WebhookSender sender, WebhookProperties properties) {
        return new DeliveryWorker(store, sender, properties);
    }
}
