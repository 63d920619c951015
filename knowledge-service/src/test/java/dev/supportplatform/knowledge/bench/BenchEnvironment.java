package dev.supportplatform.knowledge.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.embedding.TunedMiniLmEmbeddingModel;
import dev.supportplatform.common.service.events.OutboxRelay;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.knowledge.ingestion.Chunker;
import dev.supportplatform.knowledge.ingestion.ContentInspector;
import dev.supportplatform.knowledge.ingestion.IngestionProperties;
import dev.supportplatform.knowledge.ingestion.IngestionService;
import dev.supportplatform.knowledge.ingestion.TextExtractor;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import dev.supportplatform.knowledge.search.ChunkStore;
import dev.supportplatform.knowledge.search.PgVectorIndex;
import dev.supportplatform.knowledge.search.SearchProperties;
import dev.supportplatform.knowledge.search.SearchService;
import dev.supportplatform.knowledge.search.TermStatistics;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

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
    /** Whether {@link #embedder} embeds queries with the quantized model, as the service does by default. */
    final boolean quantizedQueries;
    final Chunker chunker;
    final SearchService search;
    final IngestionService ingestion;
    private final ExecutorService background;
    /** The service's defaults (application.yml). */
    final SearchProperties properties;
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
        // A session-level lock, as the service takes it (application.yml): V5 builds an index concurrently.
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).outOfOrder(true)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .locations("classpath:db/common", "classpath:db/knowledge", "classpath:db/knowledge-pgvector").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        PgVectorIndex index = new PgVectorIndex(jdbc, tx);
        documents = new DocumentStore(jdbc);
        TermStatistics terms = new TermStatistics(jdbc);
        chunks = new ChunkStore(jdbc, index, terms);
        int workerCount = Integer.parseInt(System.getProperty("bench.workers", "2"));
        workers = Executors.newFixedThreadPool(workerCount);
        // As the service embeds (application.yml): chunks in full precision, queries and titles with the quantized
        // model unless -Dbench.quantizedQueries=false.
        TunedMiniLmEmbeddingModel model = new TunedMiniLmEmbeddingModel(workers);
        quantizedQueries = Boolean.parseBoolean(System.getProperty("bench.quantizedQueries", "true"));
        embedder = new Embedder(model, quantizedQueries ? TunedMiniLmEmbeddingModel.quantized(workers) : model, 32, Embedder.IN_PROCESS_MODEL);
        chunker = new Chunker(1000, 200);
        properties = new SearchProperties(0.9, 0.5, 50, "weighted", Integer.getInteger("bench.textScanLimit", 500));
        search = new SearchService(jdbc, index, terms, embedder, properties);
        // The service's ingestion path; its events go to the bench schema's outbox, which nothing relays.
        OutboxWriter outbox = new OutboxWriter(jdbc, new OutboxRelay(jdbc, tx, null, null),
                new DefaultListableBeanFactory().getBeanProvider(Tracer.class), new DefaultListableBeanFactory().getBeanProvider(Propagator.class));
        background = Executors.newSingleThreadExecutor();
        ingestion = new IngestionService(documents, chunks, embedder, new ContentInspector(104_857_600), new TextExtractor(20_000_000), chunker,
                new IngestionProperties(20_971_520, 104_857_600, 20_000_000, 1_048_576), outbox, tx, background);
    }

    void clearTenant(String tenant) {
        tx.executeWithoutResult(s -> {
            jdbc.update("delete from documents where tenant_id = ?", tenant);
            jdbc.update("delete from term_stats where tenant_id = ?", tenant);
            jdbc.update("delete from corpus_stats where tenant_id = ?", tenant);
            jdbc.update("delete from event_outbox");
        });
    }

    /**
     * Stores a document with its chunks, vectors and term statistics in one transaction, as IngestionService does.
     *
     * @param title       the document's title, or null (then {@code name} is its file name)
     * @param titleVector the title's embedding, null when it has none
     */
    void store(String tenant, String id, String name, String title, List<String> texts, List<float[]> vectors, float[] titleVector) {
        store(tenant, id, name, title, null, texts, vectors, titleVector);
    }

    void store(String tenant, String id, String name, String title, String category, List<String> texts, List<float[]> vectors, float[] titleVector) {
        tx.executeWithoutResult(s -> {
            documents.insert(new DocumentRecord(id, tenant, "text", name, title, name, "text/plain", 0, id, DocumentRecord.PROCESSING,
                    null, 0, null, 0, "default", category, List.of(), Map.of(), Instant.now(), Instant.now()), null);
            chunks.insert(tenant, id, texts, vectors, titleVector);
            documents.markProcessed(tenant, id, texts.size(), null);
        });
    }

    void store(String tenant, String id, String name, List<String> texts, List<float[]> vectors) {
        store(tenant, id, name, null, texts, vectors, null);
    }

    /**
     * Embeddings of these texts, cached under target/bench-cache by a hash of the texts (the model is deterministic),
     * so that reruns of a quality benchmark do not spend minutes re-embedding the same corpus.
     */
    /** Stored texts' vectors, computed once per list of texts and cached under target/bench-cache. */
    List<float[]> embedCached(List<String> texts) {
        return cached("", texts, embedder::embedAll);
    }

    /** Search queries' vectors as the service computes them (the query model), cached like {@link #embedCached}. */
    List<float[]> embedQueriesCached(List<String> texts) {
        return cached(quantizedQueries ? "query-q-" : "", texts, t -> t.stream().map(embedder::embedQuery).toList());
    }

    /** Titles' vectors as the service computes them (the query model), cached like {@link #embedCached}. */
    List<float[]> embedTitlesCached(List<String> titles) {
        return cached(quantizedQueries ? "title-q-" : "", titles, embedder::embedTitles);
    }

    private List<float[]> cached(String prefix, List<String> texts, Function<List<String>, List<float[]>> embed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String t : texts) {
                digest.update(t.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            Path file = Path.of("target", "bench-cache",
                    prefix + HexFormat.of().formatHex(digest.digest()).substring(0, 32) + ".f32");
            if (Files.exists(file)) {
                FloatBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).asFloatBuffer();
                List<float[]> vectors = new ArrayList<>(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    float[] v = new float[embedder.dimension()];
                    buffer.get(v);
                    vectors.add(v);
                }
                return vectors;
            }
            List<float[]> vectors = embed.apply(texts);
            ByteBuffer out = ByteBuffer.allocate(texts.size() * embedder.dimension() * Float.BYTES);
            FloatBuffer floats = out.asFloatBuffer();
            vectors.forEach(floats::put);
            Files.createDirectories(file.getParent());
            Files.write(file, out.array());
            return vectors;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 1, 5 and 15 minute load averages, to print next to every figure. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        workers.shutdown();
        background.shutdown();
        dataSource.close();
    }
}
