package dev.supportplatform.chat.model;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the model beans ourselves: LangChain4j's Spring Boot starters do not run on Boot 4. */
@Configuration
@EnableConfigurationProperties(ModelsProperties.class)
class ModelConfiguration {

    @Bean
    PriceTable priceTable(ModelsProperties properties) {
        return new PriceTable(properties.prices());
    }

    @Bean
    ModelRouter modelRouter(ModelsProperties properties, PriceTable prices) {
        String provider = properties.provider().toLowerCase(Locale.ROOT);
        if (provider.equals("local")) {
            return ModelRouter.localOnly(properties);
        }
        if (!StringUtils.hasText(properties.baseUrl())) {
            throw new IllegalStateException("platform.models.base-url (MODEL_BASE_URL) is required for provider " + provider);
        }
        String fastName = StringUtils.hasText(properties.fastModel()) ? properties.fastModel() : properties.strongModel();
        String strongName = StringUtils.hasText(properties.strongModel()) ? properties.strongModel() : fastName;
        if (!StringUtils.hasText(fastName)) {
            throw new IllegalStateException("platform.models.fast-model or strong-model must name a model for provider " + provider);
        }
        ModelProvider fast = build(provider, fastName, properties, prices);
        ModelProvider strong = strongName.equals(fastName) ? fast : build(provider, strongName, properties, prices);
        List<ModelProvider> fallback = new ArrayList<>();
        for (String name : properties.fallback()) {
            if (!name.equals(fastName) && !name.equals(strongName) && !name.equals(LocalModel.NAME)) {
                fallback.add(build(provider, name, properties, prices));
            }
        }
        return new ModelRouter(fast, strong, fallback, new LocalModel(), properties);
    }

    static ModelProvider build(String provider, String model, ModelsProperties p, PriceTable prices) {
        long timeout = p.timeout().toMillis();
        return switch (provider) {
            case "openai" -> new RemoteModel(model,
                    OpenAiChatModel.builder().baseUrl(p.baseUrl()).apiKey(key(p)).modelName(model).temperature(p.temperature())
                            .timeout(p.timeout()).maxRetries(0).build(),
                    OpenAiStreamingChatModel.builder().baseUrl(p.baseUrl()).apiKey(key(p)).modelName(model)
                            .temperature(p.temperature()).timeout(p.timeout()).build(),
                    prices, timeout);
            case "ollama" -> new RemoteModel(model,
                    OllamaChatModel.builder().baseUrl(p.baseUrl()).modelName(model).temperature(p.temperature())
                            .timeout(p.timeout()).maxRetries(0).build(),
                    OllamaStreamingChatModel.builder().baseUrl(p.baseUrl()).modelName(model).temperature(p.temperature())
                            .timeout(p.timeout()).build(),
                    prices, timeout);
            default -> throw new IllegalStateException("Unknown model provider " + provider + " (local, openai or ollama)");
        };
    }

    /** OpenAI-compatible servers without auth (vLLM, LM Studio, Ollama's /v1) still need a non-empty key. */
    private static String key(ModelsProperties p) {
        return StringUtils.hasText(p.apiKey()) ? p.apiKey() : "none";
    }
}
