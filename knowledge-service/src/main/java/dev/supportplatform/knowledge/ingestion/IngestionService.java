package dev.supportplatform.knowledge.ingestion;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.KnowledgeEvents;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.search.ChunkStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Validates, parses and chunks input synchronously (so bad input is refused before anything is stored), then embeds
 * and stores it: inline for small inputs, in the background for large ones (status "processing" with progress until
 * "processed" or "failed" with the reason). Chunks, the document's final state and its event commit together.
 */
@Service
public class IngestionService {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);

    private final DocumentStore documents;
    private final ChunkStore chunks;
    private final Embedder embedder;
    private final ContentInspector inspector;
    private final TextExtractor extractor;
    private final Chunker chunker;
    private final IngestionProperties properties;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final ExecutorService background;

    public IngestionService(DocumentStore documents, ChunkStore chunks, Embedder embedder, ContentInspector inspector, TextExtractor extractor,
                            Chunker chunker, IngestionProperties properties, OutboxWriter outbox, TransactionTemplate tx,
                            ExecutorService ingestionBackground) {
        this.documents = documents;
        this.chunks = chunks;
        this.embedder = embedder;
        this.inspector = inspector;
        this.extractor = extractor;
        this.chunker = chunker;
        this.properties = properties;
        this.outbox = outbox;
        this.tx = tx;
        this.background = ingestionBackground;
    }

    /** @param duplicate the same content was already in the collection; that document is returned instead */
    public record Outcome(DocumentRecord document, boolean duplicate, long processingMillis) {
    }

    /** One input's result in a batch: the outcome, or the error that refused it (nothing of it stored). */
    public record Result(Outcome outcome, ApiException error) {
    }

    public Outcome ingest(String tenantId, IngestionInput input) {
        Result result = ingestAll(tenantId, List.of(input)).getFirst();
        if (result.error() != null) {
            throw result.error();
        }
        return result.outcome();
    }

    /**
     * Ingests several inputs (a multi-file upload). Each is validated on its own (a bad file does not fail the others),
     * but the chunks of all small ones are embedded as one stream so that every embedding worker stays busy even when
     * each file is a single chunk, and each is stored as soon as its vectors are in, while later ones are still
     * embedded (see {@link PipelinedWriter} for the transactions).
     */
    public List<Result> ingestAll(String tenantId, List<IngestionInput> inputs) {
        long started = System.nanoTime();
        List<Object> items = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        for (IngestionInput input : inputs) {
            try {
                Prepared p = prepare(tenantId, input);
                items.add(p);
                prepared.add(p);
            } catch (ApiException e) {
                items.add(new Result(null, e));
            }
        }
        Map<DocumentStore.Content, DocumentRecord> existing = documents.findByContents(tenantId, prepared.stream().map(Prepared::content).toList());
        List<PipelinedWriter.Job> inline = prepared.stream().filter(p -> !existing.containsKey(p.content()) && !p.background())
                .map(Prepared::job).toList();
        Map<String, Boolean> duplicate = new HashMap<>();
        writer().write(inline, done -> { }).forEach(w -> duplicate.put(w.job().document().id(), w.duplicate()));
        Map<String, DocumentRecord> stored = documents.findAll(tenantId,
                duplicate.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList());
        List<Result> results = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Result r) {
                results.add(r);
            } else if (item instanceof Prepared p && existing.containsKey(p.content())) {
                results.add(new Result(new Outcome(existing.get(p.content()), true, elapsedMillis(started)), null));
            } else if (item instanceof Prepared p && p.background()) {
                results.add(new Result(startInBackground(p, started), null));
            } else if (item instanceof Prepared p && duplicate.get(p.document().id())) {
                results.add(new Result(duplicateOf(p.document(), started, null), null));
            } else if (item instanceof Prepared p) {
                results.add(new Result(new Outcome(stored.get(p.document().id()), false, elapsedMillis(started)), null));
            }
        }
        return results;
    }

    /** Validated, parsed and chunked input, ready to embed. */
    private record Prepared(IngestionInput input, DocumentRecord document, List<String> texts, boolean background) {

        /** What the writer embeds and stores; a background document's row exists already (status processing). */
        PipelinedWriter.Job job() {
            return new PipelinedWriter.Job(document, texts, document.title(), input.body(), !background);
        }

        DocumentStore.Content content() {
            return new DocumentStore.Content(document.collection(), document.sha256());
        }
    }

    private PipelinedWriter writer() {
        return new PipelinedWriter(embedder, documents, chunks, outbox, tx.getTransactionManager());
    }

    private Prepared prepare(String tenantId, IngestionInput input) {
        byte[] bytes = input.bytes();
        if (bytes.length == 0) {
            throw IngestionException.invalid("The file " + input.filename() + " is empty");
        }
        if (bytes.length > properties.maxFileBytes()) {
            throw IngestionException.tooLarge(input.filename() + " is larger than the limit of " + properties.maxFileBytes() + " bytes");
        }
        DocumentKind kind = input.kind() != null ? input.kind() : inspector.inspect(bytes, input.filename(), input.declaredType());
        TextExtractor.Extracted extracted = extractor.extract(bytes, kind, input.filename());
        List<String> texts = chunker.chunk(extracted.text(), kind);
        if (texts.isEmpty()) {
            throw IngestionException.unprocessable(input.filename() + " contains no extractable text");
        }
        String sha256 = sha256(bytes);
        // A title given with the input wins; otherwise the one the document gives itself (its first line or heading).
        String title = input.title() != null ? input.title() : extracted.title();
        DocumentRecord document = new DocumentRecord(Ids.prefixed("article".equals(input.sourceType()) ? "kb" : "doc"), tenantId,
                input.sourceType(), input.filename(), title, input.source(), kind.contentType(), bytes.length, sha256,
                DocumentRecord.PROCESSING, null, 0, extracted.pages(), 0, input.collection(), input.category(), input.tags(),
                input.metadata(), Instant.now(), Instant.now());
        return new Prepared(input, document, texts, bytes.length > properties.asyncThresholdBytes());
    }

    /** Inserts a large document's row (status processing, visible in listings) and embeds and stores it in the background. */
    private Outcome startInBackground(Prepared p, long started) {
        DocumentRecord document = p.document();
        try {
            tx.executeWithoutResult(s -> documents.insert(document, p.input().body()));
        } catch (DuplicateKeyException e) {
            return duplicateOf(document, started, e);
        }
        background.submit(() -> processInBackground(p.job()));
        return new Outcome(document, false, elapsedMillis(started));
    }

    /** A concurrent request (or an identical file earlier in this batch) stored the same content first. */
    private Outcome duplicateOf(DocumentRecord document, long started, RuntimeException cause) {
        return documents.findByContent(document.tenantId(), document.collection(), document.sha256())
                .map(d -> new Outcome(d, true, elapsedMillis(started)))
                .orElseThrow(() -> cause != null ? cause : new IllegalStateException("duplicate of a document that is gone"));
    }

    private void processInBackground(PipelinedWriter.Job job) {
        DocumentRecord document = job.document();
        int total = job.texts().size();
        try {
            // Progress is recorded from the embedding side, outside the document's transaction, so listings see it.
            writer().write(List.of(job), done -> documents.updateProgress(document.tenantId(), document.id(), 0.95 * done / total));
        } catch (RuntimeException e) {
            log.warn("Background ingestion of document {} failed", document.id(), e);
            documents.markFailed(document.tenantId(), document.id(), "Processing failed: " + e.getClass().getSimpleName());
        }
    }

    /** Replaces an article's text and chunks in one transaction: readers see the old version or the new one. */
    public DocumentRecord updateArticle(String tenantId, DocumentRecord article, String title, String body, String category,
                                        List<String> tags, Map<String, Object> metadata) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > properties.maxFileBytes()) {
            throw IngestionException.tooLarge("The article is larger than the limit of " + properties.maxFileBytes() + " bytes");
        }
        List<String> texts = chunker.chunk(articleText(title, body), DocumentKind.TEXT);
        if (texts.isEmpty()) {
            throw IngestionException.unprocessable("The article contains no text");
        }
        List<float[]> vectors = embedder.embedAll(texts);
        float[] titleVector = title == null || title.isBlank() ? null : embedder.embedTitles(List.of(title.strip())).getFirst();
        String sha256 = sha256(articleText(title, body).getBytes(StandardCharsets.UTF_8));
        try {
            tx.executeWithoutResult(s -> {
                // The row first: its new content hash may have to wait for an upload of the same content that is
                // still being stored. Waiting before taking the tenant's term-statistics lock (which that upload
                // needs to finish) rather than while holding it is what keeps the two from deadlocking.
                documents.updateArticle(tenantId, article.id(), title, body, category, tags, metadata, sha256, texts.size());
                chunks.deleteForDocument(tenantId, article.id());
                chunks.insert(tenantId, article.id(), texts, vectors, titleVector);
                outbox.publish(EventEnvelope.of(tenantId, article.id(), new KnowledgeEvents.DocumentIngested(article.id(), title,
                        article.contentType(), article.sourceType(), article.collection(), texts.size(), bytes.length)));
            });
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Another article in this collection already has exactly this content");
        }
        return documents.find(tenantId, article.id()).orElseThrow();
    }

    /** The text an article is indexed under: its title heads the body so that title words are searchable too. */
    public static String articleText(String title, String body) {
        return title == null || title.isBlank() ? body : title.strip() + "\n\n" + body;
    }

    /** Deletes documents with their chunks (text and vectors) and publishes document.deleted for each. */
    public int delete(String tenantId, List<DocumentRecord> toDelete) {
        Integer removed = tx.execute(s -> {
            int total = 0;
            for (DocumentRecord d : toDelete) {
                int n = chunks.deleteForDocument(tenantId, d.id());
                documents.delete(tenantId, d.id());
                outbox.publish(EventEnvelope.of(tenantId, d.id(), new KnowledgeEvents.DocumentDeleted(d.id(), d.filename(), d.collection(), n)));
                total += n;
            }
            return total;
        });
        return removed == null ? 0 : removed;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
