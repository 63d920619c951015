package dev.supportplatform.knowledge.ingestion;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.KnowledgeEvents;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.search.ChunkStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Embeds documents and stores them as their vectors arrive, so that storing overlaps embedding instead of following
 * it (the workers always have the next batch queued while this thread writes the previous one); titles are embedded
 * first, by the query model. A document's row (when {@link Job#insertRow}), chunks, title vector, term statistics,
 * final state and {@code document.ingested} event commit in one transaction and become visible together or not at
 * all; small documents whose vectors arrive in the same batch share that transaction.
 */
final class PipelinedWriter {

    /**
     * @param texts     the document's chunks
     * @param title     its title (embedded by the query model, see {@link Embedder#embedTitles}), or null
     * @param body      the original text kept with an inserted row (articles, raw text)
     * @param insertRow whether the document row is inserted with the chunks (inline) or exists already (background)
     */
    record Job(DocumentRecord document, List<String> texts, String title, String body, boolean insertRow) {

        boolean titled() {
            return title != null && !title.isBlank();
        }
    }

    /** @param duplicate the row could not be inserted because identical content was stored concurrently */
    record Written(Job job, boolean duplicate) {
    }

    private final Embedder embedder;
    private final DocumentStore documents;
    private final ChunkStore chunks;
    private final OutboxWriter outbox;
    private final PlatformTransactionManager transactions;

    PipelinedWriter(Embedder embedder, DocumentStore documents, ChunkStore chunks, OutboxWriter outbox, PlatformTransactionManager transactions) {
        this.embedder = embedder;
        this.documents = documents;
        this.chunks = chunks;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /**
     * Embeds all jobs' texts as one stream (small documents share batches) and writes each job as soon as its vectors
     * are in. All jobs are of one tenant. On failure the open transaction is rolled back (jobs written before it stay
     * written) and the error thrown.
     *
     * @param embedded called off this thread with the number of texts embedded so far (progress)
     */
    List<Written> write(List<Job> jobs, IntConsumer embedded) {
        List<String> texts = new ArrayList<>();
        jobs.forEach(j -> texts.addAll(j.texts()));
        // Titles first, all at once: short texts, a small fraction of the work.
        List<Job> titled = jobs.stream().filter(Job::titled).toList();
        List<float[]> titleVectors = embedder.embedTitles(titled.stream().map(j -> j.title().strip()).toList());
        Map<Job, float[]> titleOf = new IdentityHashMap<>();
        for (int i = 0; i < titled.size(); i++) {
            titleOf.put(titled.get(i), titleVectors.get(i));
        }
        Progress progress = new Progress(jobs, titleOf);
        try {
            embedder.embedPipelined(texts, embedded, (from, vectors) -> progress.accept(vectors));
        } catch (RuntimeException e) {
            progress.rollback();
            throw e;
        }
        return progress.written;
    }

    /**
     * Where the stream of vectors stands: the job being written, its open transaction, how far into it. Documents that
     * start and end within one batch of vectors (small files) are written together in one transaction, since a commit
     * and the term-statistics update per document cost more than the document's own rows; a document whose vectors
     * span batches has a transaction of its own, open from its first batch to its last.
     */
    private final class Progress {

        private final List<Job> jobs;
        private final Map<Job, float[]> titleOf;
        private final List<Written> written = new ArrayList<>();
        private int job;
        private int position;
        private TransactionStatus open;
        private boolean skipping;

        Progress(List<Job> jobs, Map<Job, float[]> titleOf) {
            this.jobs = jobs;
            this.titleOf = titleOf;
        }

        void accept(List<float[]> vectors) {
            int at = 0;
            while (at < vectors.size()) {
                if (position == 0) {
                    int end = job;
                    int upTo = at;
                    while (end < jobs.size() && upTo + jobs.get(end).texts().size() <= vectors.size()) {
                        upTo += jobs.get(end).texts().size();
                        end++;
                    }
                    if (end > job) {
                        writeWhole(jobs.subList(job, end), vectors.subList(at, upTo));
                        job = end;
                        at = upTo;
                        continue;
                    }
                }
                Job j = jobs.get(job);
                int take = Math.min(vectors.size() - at, j.texts().size() - position);
                writePart(j, vectors.subList(at, at + take));
                at += take;
                position += take;
                if (position == j.texts().size()) {
                    finish(j);
                    job++;
                    position = 0;
                }
            }
        }

        /** Whole documents, their vectors in order: one transaction for all of them. */
        private void writeWhole(List<Job> group, List<float[]> vectors) {
            open = transactions.getTransaction(new DefaultTransactionDefinition());
            List<Job> stored = new ArrayList<>();
            List<ChunkStore.NewChunks> chunkRows = new ArrayList<>();
            List<float[]> titles = new ArrayList<>();
            Set<Job> duplicates = insertRows(group);
            int at = 0;
            for (int i = 0; i < group.size(); i++) {
                Job j = group.get(i);
                List<float[]> own = vectors.subList(at, at + j.texts().size());
                at += own.size();
                if (duplicates.contains(j)) {
                    written.add(new Written(j, true));
                    continue;
                }
                stored.add(j);
                chunkRows.add(new ChunkStore.NewChunks(j.document().id(), 0, j.texts(), own));
                titles.add(titleOf.get(j));
            }
            if (!stored.isEmpty()) {
                String tenantId = stored.getFirst().document().tenantId();
                chunks.insertBatches(tenantId, chunkRows);
                chunks.completeNewDocuments(tenantId, stored.stream().map(j -> j.document().id()).toList(), titles);
                stored.forEach(this::processed);
            }
            commit();
            stored.forEach(j -> written.add(new Written(j, false)));
        }

        /**
         * Inserts the rows of those jobs that insert one, in content order, so that two uploads sharing files wait for
         * each other instead of deadlocking; returns the jobs not to store, whose content is stored already.
         */
        private Set<Job> insertRows(List<Job> group) {
            List<Job> inserting = group.stream().filter(Job::insertRow)
                    .sorted(Comparator.comparing((Job j) -> j.document().collection()).thenComparing(j -> j.document().sha256())).toList();
            boolean[] inserted = documents.insertIfAbsent(inserting.stream()
                    .map(j -> new DocumentStore.NewDocument(j.document().processed(j.texts().size()), j.body())).toList());
            Set<Job> duplicates = new HashSet<>();
            for (int i = 0; i < inserting.size(); i++) {
                if (!inserted[i]) {
                    duplicates.add(inserting.get(i));
                }
            }
            return duplicates;
        }

        /** Some of a spanning job's chunk vectors, starting at {@link #position}. */
        private void writePart(Job j, List<float[]> vectors) {
            if (position == 0) {
                open = transactions.getTransaction(new DefaultTransactionDefinition());
                skipping = !insertRows(List.of(j)).isEmpty();
                if (skipping) {
                    rollback();
                }
            }
            if (skipping) {
                return;
            }
            chunks.insertBatch(j.document().tenantId(), j.document().id(), position, j.texts().subList(position, position + vectors.size()),
                    vectors);
        }

        private void finish(Job j) {
            if (skipping) {
                written.add(new Written(j, true));
                return;
            }
            DocumentRecord d = j.document();
            chunks.completeNewDocuments(d.tenantId(), List.of(d.id()), Collections.singletonList(titleOf.get(j)));
            processed(j);
            commit();
            written.add(new Written(j, false));
        }

        /** The document's final state (an inserted row was inserted as processed) and its event. */
        private void processed(Job j) {
            DocumentRecord d = j.document();
            if (!j.insertRow()) {
                documents.markProcessed(d.tenantId(), d.id(), j.texts().size(), d.pages());
            }
            outbox.publish(EventEnvelope.of(d.tenantId(), d.id(), new KnowledgeEvents.DocumentIngested(d.id(), d.filename(), d.contentType(),
                    d.sourceType(), d.collection(), j.texts().size(), d.sizeBytes())));
        }

        private void commit() {
            TransactionStatus status = open;
            open = null;
            transactions.commit(status);
        }

        void rollback() {
            if (open != null) {
                TransactionStatus status = open;
                open = null;
                transactions.rollback(status);
            }
        }
    }
}
