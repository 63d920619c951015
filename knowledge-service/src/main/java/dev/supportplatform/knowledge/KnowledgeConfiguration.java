package dev.supportplatform.knowledge;

import dev.supportplatform.knowledge.ingestion.Chunker;
import dev.supportplatform.knowledge.ingestion.ChunkingProperties;
import dev.supportplatform.knowledge.ingestion.ContentInspector;
import dev.supportplatform.knowledge.ingestion.IngestionProperties;
import dev.supportplatform.knowledge.ingestion.TextExtractor;
import dev.supportplatform.knowledge.ingestion.UrlFetcher;
import dev.supportplatform.knowledge.ingestion.UrlProperties;
import dev.supportplatform.knowledge.search.MemoryVectorIndex;
import dev.supportplatform.knowledge.search.PgVectorIndex;
import dev.supportplatform.knowledge.search.SearchProperties;
import dev.supportplatform.knowledge.search.VectorIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration
@EnableConfigurationProperties({IngestionProperties.class, ChunkingProperties.class, UrlProperties.class, SearchProperties.class})
public class KnowledgeConfiguration {

    @Bean
    VectorIndex vectorIndex(@Value("${knowledge.vector-store}") String store, @Value("${knowledge.data-dir}") String dataDir,
                            JdbcTemplate jdbc, TransactionTemplate tx) {
        return switch (store.toLowerCase(java.util.Locale.ROOT)) {
            case "pgvector" -> new PgVectorIndex(jdbc, tx);
            case "memory" -> new MemoryVectorIndex(Path.of(dataDir), jdbc);
            default -> throw new IllegalStateException("knowledge.vector-store must be pgvector or memory, not " + store);
        };
    }

    @Bean
    ContentInspector contentInspector(IngestionProperties properties) {
        return new ContentInspector(properties.maxInflatedBytes());
    }

    @Bean
    TextExtractor textExtractor(IngestionProperties properties) {
        return new TextExtractor(properties.maxExtractedChars());
    }

    @Bean
    Chunker chunker(ChunkingProperties properties) {
        return new Chunker(properties.size(), properties.overlap());
    }

    @Bean(destroyMethod = "close")
    UrlFetcher urlFetcher(UrlProperties properties) {
        return new UrlFetcher(properties);
    }

    /** One background ingestion at a time: the embedding workers are the bottleneck, more would only queue there. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService ingestionBackground() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("ingest-bg").daemon().factory());
    }
}
