package dev.supportplatform.knowledge.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.embedding.TunedMiniLmEmbeddingModel;
import dev.supportplatform.knowledge.ingestion.Chunker;
import dev.supportplatform.knowledge.search.ChunkStore;
import dev.supportplatform.knowledge.search.PgVectorIndex;
import dev.supportplatform.knowledge.search.SearchProperties;
import dev.supportplatform.knowledge.search.SearchService;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service's own storage, embedding and retrieval classes wired by hand against the real PostgreSQL (with
 * pgvector), in a schema of their own ({@code knowledge_bench}) so that benchmarks never touch service data.
 */
final class BenchEnvironment implements AutoCloseable {

    static final String SCHEMA = "knowledge_bench";

    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate tx;
    final DocumentStore documents;
    final ChunkStore chunks;
    final Embedder embedder;
    final Chunker chunker;
    final SearchService search;
    private final ExecutorService workers;

    BenchEnvironment() {
        String url = System.getenv().getOrDefault("DATABASE_URL", "jdbc:postgresql://localhost:5432/support_test");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getenv().getOrDefault("DATABASE_USER", "postgres"));
        config.setPassword(System.getenv().getOrDefault("DATABASE_PASSWORD", ""));
        config.setMaximumPoolSize(4);
        config.setConnectionInitSql("SET search_path TO " + SCHEMA + ", public; SET hnsw.ef_search = 100; SET hnsw.iterative_scan = relaxed_order");
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).outOfOrder(true)
                .locations("classpath:db/common", "classpath:db/knowledge", "classpath:db/knowledge-pgvector").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        PgVectorIndex index = new PgVectorIndex(jdbc, tx);
        documents = new DocumentStore(jdbc);
        chunks = new ChunkStore(jdbc, index);
        int workerCount = Integer.parseInt(System.getProperty("bench.workers", "2"));
        workers = Executors.newFixedThreadPool(workerCount);
        embedder = new Embedder(new TunedMiniLmEmbeddingModel(workers), 32);
        chunker = new Chunker(1000, 200);
        search = new SearchService(jdbc, index, embedder, new SearchProperties(0.95, 50, "weighted", Integer.getInteger("bench.textScanLimit", 1000)));
    }

    void clearTenant(String tenant) {
        jdbc.update("delete from documents where tenant_id = ?", tenant);
    }

    /** Stores a document with its chunks and vectors in one transaction, as IngestionService does. */
    void store(String tenant, String id, String title, List<String> texts, List<float[]> vectors) {
        tx.executeWithoutResult(s -> {
            documents.insert(new DocumentRecord(id, tenant, "text", title, title, title, "text/plain", 0, id, DocumentRecord.PROCESSING,
                    null, 0, null, 0, "default", null, List.of(), Map.of(), Instant.now(), Instant.now()), null);
            chunks.insert(tenant, id, texts, vectors);
            documents.markProcessed(tenant, id, texts.size(), null);
        });
    }

    @Override
    public void close() {
        workers.shutdown();
        dataSource.close();
    }
}
