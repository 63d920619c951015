package dev.supportplatform.knowledge;

import com.zaxxer.hikari.HikariDataSource;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.ingestion.Chunker;
import dev.supportplatform.knowledge.ingestion.DocumentKind;
import dev.supportplatform.knowledge.search.ChunkStore;
import dev.supportplatform.knowledge.search.Fusion;
import dev.supportplatform.knowledge.search.MemoryVectorIndex;
import dev.supportplatform.knowledge.search.SearchProperties;
import dev.supportplatform.knowledge.search.SearchService;
import dev.supportplatform.knowledge.search.TermStatistics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * deploy/local's in-process vector store and pgvector give the same ranking: the same small corpus (titled articles
 * and untitled texts) stored through the service's own classes into both, every fusion mode compared query by query.
 */
@ServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorStoresRankAlikeTest {

    private static final String MEMORY_SCHEMA = "knowledge_rank_alike";

    /** title (null: an untitled text), content. */
    private static final List<String[]> CORPUS = List.of(
            new String[]{"Reset your password", "Open Settings, choose Security and press Reset password. A link is mailed to you."},
            new String[]{"Change the e-mail address", "Your e-mail address can be changed under Settings, Account. We confirm the new address."},
            new String[]{"Delete an account", "Deleting an account removes all data after thirty days. Contact support to cancel."},
            new String[]{"Shipping times", "Orders ship within two working days; international delivery takes up to ten days."},
            new String[]{"Refunds", "Refunds reach the original payment method five to seven days after we receive the return."},
            new String[]{null, "Two-factor authentication protects the account: after the password, enter the code from the app."},
            new String[]{null, "The mobile app works offline; changes synchronise when the phone is online again."},
            new String[]{null, "Invoices are in the Billing section as PDF files and can be sent to an accountant by e-mail."},
            new String[]{"Opening hours", "The support line is open from nine to six on working days. Chat answers around the clock."});

    private static final List<String> QUERIES = List.of("I forgot my password", "how long does delivery take", "where can I find my invoice",
            "cancel account deletion", "money back for a returned item", "does the app work without internet", "when can I call support",
            "security code after login");

    @Autowired
    SearchService pgvectorSearch;
    @Autowired
    ChunkStore pgvectorChunks;
    @Autowired
    DocumentStore pgvectorDocuments;
    @Autowired
    JdbcTemplate pgvectorJdbc;
    @Autowired
    TransactionTemplate pgvectorTx;
    @Autowired
    SearchProperties properties;
    @Autowired
    Embedder embedder;
    @Autowired
    Chunker chunker;
    @Autowired
    DataSource dataSource;

    private HikariDataSource memoryDataSource;
    private JdbcTemplate memoryJdbc;
    private SearchService memorySearch;
    private final String tenant = TestTokens.newTenant();
    private final List<String> documentIds = new ArrayList<>();

    @BeforeAll
    void storeTheCorpusInBoth() throws IOException {
        HikariDataSource app = (HikariDataSource) dataSource;
        memoryDataSource = new HikariDataSource();
        memoryDataSource.setJdbcUrl(app.getJdbcUrl());
        memoryDataSource.setUsername(app.getUsername());
        memoryDataSource.setPassword(app.getPassword());
        memoryDataSource.setMaximumPoolSize(2);
        memoryDataSource.setConnectionInitSql("SET search_path TO " + MEMORY_SCHEMA + ", public");
        // The local stack's schema: no embedding column (its migration location is not included).
        Flyway.configure().dataSource(memoryDataSource).schemas(MEMORY_SCHEMA).defaultSchema(MEMORY_SCHEMA)
                .locations("classpath:db/common", "classpath:db/knowledge").load().migrate();
        memoryJdbc = new JdbcTemplate(memoryDataSource);
        TransactionTemplate memoryTx = new TransactionTemplate(new DataSourceTransactionManager(memoryDataSource));
        MemoryVectorIndex memoryIndex = new MemoryVectorIndex(Files.createTempDirectory("rank-alike"), memoryJdbc);
        TermStatistics memoryTerms = new TermStatistics(memoryJdbc);
        ChunkStore memoryChunks = new ChunkStore(memoryJdbc, memoryIndex, memoryTerms);
        DocumentStore memoryDocuments = new DocumentStore(memoryJdbc);
        memorySearch = new SearchService(memoryJdbc, memoryIndex, memoryTerms, embedder, properties);

        for (int i = 0; i < CORPUS.size(); i++) {
            String title = CORPUS.get(i)[0];
            String text = title == null ? CORPUS.get(i)[1] : title + "\n\n" + CORPUS.get(i)[1];
            List<String> chunks = chunker.chunk(text, DocumentKind.TEXT);
            List<float[]> vectors = embedder.embedAll(chunks);
            float[] titleVector = title == null ? null : embedder.embedTitles(List.of(title)).getFirst();
            DocumentRecord document = new DocumentRecord(Ids.prefixed("doc"), tenant, "text", "doc" + i, title, "doc" + i, "text/plain", text.length(),
                    tenant + i, DocumentRecord.PROCESSING, null, 0, null, 0, "default", null, List.of(), Map.of(), Instant.now(), Instant.now());
            pgvectorTx.executeWithoutResult(s -> store(pgvectorDocuments, pgvectorChunks, document, chunks, vectors, titleVector));
            memoryTx.executeWithoutResult(s -> store(memoryDocuments, memoryChunks, document, chunks, vectors, titleVector));
            documentIds.add(document.id());
        }
    }

    private static void store(DocumentStore documents, ChunkStore chunks, DocumentRecord d, List<String> texts, List<float[]> vectors, float[] title) {
        documents.insert(d, null);
        chunks.insert(d.tenantId(), d.id(), texts, vectors, title);
        documents.markProcessed(d.tenantId(), d.id(), texts.size(), null);
    }

    @AfterAll
    void dropTheMemorySchema() {
        memoryJdbc.execute("drop schema " + MEMORY_SCHEMA + " cascade");
        memoryDataSource.close();
    }

    @Test
    void bothStoresRankEveryQueryAlikeInEveryFusionMode() {
        int compared = 0;
        for (Fusion.Mode mode : Fusion.Mode.values()) {
            for (String text : QUERIES) {
                SearchService.Query query = new SearchService.Query(text, 10, DocumentFilter.NONE);
                float[] vector = embedder.embed(text);
                List<String> pgvector = describe(pgvectorJdbc, pgvectorSearch.rank(tenant, query, vector, mode, properties.weights()));
                List<String> memory = describe(memoryJdbc, memorySearch.rank(tenant, query, vector, mode, properties.weights()));
                assertThat(memory).as("%s: %s", mode, text).hasSameSizeAs(pgvector);
                for (int i = 0; i < pgvector.size(); i++) {
                    String[] p = pgvector.get(i).split("@");
                    String[] m = memory.get(i).split("@");
                    assertThat(m[0]).as("%s: %s, rank %d", mode, text, i + 1).isEqualTo(p[0]);
                    assertThat(Double.parseDouble(m[1])).isCloseTo(Double.parseDouble(p[1]), offset(1e-5));
                }
                compared += pgvector.size();
            }
        }
        assertThat(compared).isGreaterThan(QUERIES.size() * Fusion.Mode.values().length);
    }

    @Test
    void theDefaultSearchFindsTheExpectedDocumentInBoth() {
        for (SearchService search : List.of(pgvectorSearch, memorySearch)) {
            SearchService.Result result = search.search(tenant, new SearchService.Query("I forgot my password", 3, DocumentFilter.NONE));
            assertThat(result.results().getFirst().documentId()).isEqualTo(documentIds.getFirst());
            assertThat(result.results().getFirst().highlights()).anySatisfy(h -> assertThat(h).contains("<mark>password</mark>"));
        }
    }

    /** Each ranked chunk as "document#ordinal@score" (chunk ids differ between the two schemas). */
    private List<String> describe(JdbcTemplate jdbc, List<Fusion.Scored> ranked) {
        List<String> out = new ArrayList<>();
        for (Fusion.Scored s : ranked) {
            String where = jdbc.queryForObject("select document_id || '#' || ordinal from chunks where tenant_id = ? and id = ?", String.class,
                    tenant, s.chunkId());
            out.add(where + "@" + s.score());
        }
        return out;
    }
}
