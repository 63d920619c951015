package dev.supportplatform.common.service.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The internal identity token ({@code platform.internal-token.*}).
 *
 * @param secret shared HMAC secret of the gateway and the services (INTERNAL_TOKEN_SECRET, at least 32 bytes); no
 *               default, so a service never runs with a guessable one
 * @param ttl    how long a token is valid
 */
@ConfigurationProperties("platform.internal-token")
public record InternalTokenProperties(String secret, @DefaultValue("60s") Duration ttl) {
}
