package dev.supportplatform.knowledge.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration
@EnableConfigurationProperties(EmbeddingProperties.class)
public class EmbeddingConfiguration {

    @Bean(destroyMethod = "shutdown")
    ExecutorService embeddingWorkers(EmbeddingProperties properties) {
        return Executors.newFixedThreadPool(Math.max(1, properties.workers()), Thread.ofPlatform().name("embed-", 0).daemon().factory());
    }

    @Bean
    EmbeddingModel embeddingModel(EmbeddingProperties properties, ExecutorService embeddingWorkers) {
        if ("openai".equalsIgnoreCase(properties.provider())) {
            // The schema stores 384 dimensions: the remote model must produce (or be asked for) that many.
            return OpenAiEmbeddingModel.builder().baseUrl(properties.baseUrl()).apiKey(properties.apiKey())
                    .modelName(properties.modelName()).dimensions(TunedMiniLmEmbeddingModel.DIMENSION).build();
        }
        return new TunedMiniLmEmbeddingModel(embeddingWorkers);
    }

    @Bean
    Embedder embedder(EmbeddingModel embeddingModel, EmbeddingProperties properties, ExecutorService embeddingWorkers) {
        if ("openai".equalsIgnoreCase(properties.provider())) {
            return new Embedder(embeddingModel, embeddingModel, properties.batchSize(), "openai:" + properties.modelName());
        }
        EmbeddingModel queryModel = properties.quantizedQueries() ? TunedMiniLmEmbeddingModel.quantized(embeddingWorkers) : embeddingModel;
        return new Embedder(embeddingModel, queryModel, properties.batchSize(), Embedder.IN_PROCESS_MODEL);
    }
}
