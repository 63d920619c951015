package dev.supportplatform.chat.model;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Model settings ({@code platform.models.*}, documented in docs/configuration.md).
 *
 * @param provider    {@code local} (default, offline), {@code openai} (any OpenAI-compatible endpoint) or {@code ollama}
 * @param fastModel   model for simple questions
 * @param strongModel model for questions whose complexity reaches {@code strongAbove}
 * @param fallback    further remote models tried, in order, when the routed one fails; {@code local} always ends the chain
 * @param prices      USD per million input/output tokens, by model name
 */
@ConfigurationProperties("platform.models")
public record ModelsProperties(
        @DefaultValue("local") String provider,
        String baseUrl,
        String apiKey,
        String fastModel,
        String strongModel,
        @DefaultValue List<String> fallback,
        @DefaultValue("0.6") double strongAbove,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("0.3") double temperature,
        @DefaultValue("50") int breakerFailureRate,
        @DefaultValue("30s") Duration breakerOpenFor,
        @DefaultValue Map<String, Price> prices) {

    public record Price(double input, double output) {
    }
}
