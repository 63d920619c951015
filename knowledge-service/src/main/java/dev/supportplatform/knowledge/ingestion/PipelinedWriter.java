package dev.supportplatform.knowledge.ingestion;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.KnowledgeEvents;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.search.ChunkStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Embeds documents and stores them as their vectors arrive, so that storing overlaps embedding instead of following
 * it (the workers always have the next batch queued while this thread writes the previous one). Each document is
 * written in a transaction of its own, opened at its first batch and committed with its last: its row (when
 * {@link Job#insertRow}), chunks, title vector, term statistics, final state and {@code document.ingested} event
 * become visible together or not at all.
 */
final class PipelinedWriter {

    /**
     * @param texts     the document's chunks
     * @param title     its title (embedded after the chunks), or null
     * @param body      the original text kept with an inserted row (articles, raw text)
     * @param insertRow whether the document row is inserted with the chunks (inline) or exists already (background)
     */
    record Job(DocumentRecord document, List<String> texts, String title, String body, boolean insertRow) {

        List<String> toEmbed() {
            if (title == null || title.isBlank()) {
                return texts;
            }
            List<String> all = new ArrayList<>(texts);
            all.add(title.strip());
            return all;
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
     * are in. On failure the open job's transaction is rolled back (earlier jobs stay written) and the error thrown.
     *
     * @param embedded called off this thread with the number of texts embedded so far (progress)
     */
    List<Written> write(List<Job> jobs, IntConsumer embedded) {
        List<String> texts = new ArrayList<>();
        jobs.forEach(j -> texts.addAll(j.toEmbed()));
        Progress progress = new Progress(jobs);
        try {
            embedder.embedPipelined(texts, embedded, (from, vectors) -> progress.accept(vectors));
        } catch (RuntimeException e) {
            progress.rollback();
            throw e;
        }
        return progress.written;
    }

    /** Where the stream of vectors stands: the job being written, its open transaction, how far into it. */
    private final class Progress {

        private final List<Job> jobs;
        private final List<Written> written = new ArrayList<>();
        private int job;
        private int position;
        private TransactionStatus open;
        private boolean skipping;

        Progress(List<Job> jobs) {
            this.jobs = jobs;
        }

        void accept(List<float[]> vectors) {
            int at = 0;
            while (at < vectors.size()) {
                Job j = jobs.get(job);
                int take = Math.min(vectors.size() - at, j.toEmbed().size() - position);
                write(j, vectors.subList(at, at + take));
                at += take;
                position += take;
                if (position == j.toEmbed().size()) {
                    finish(j, vectors.get(at - 1));
                    job++;
                    position = 0;
                }
            }
        }

        /** Some of a job's vectors, starting at {@link #position}: chunks (the title's, last, is kept for finish). */
        private void write(Job j, List<float[]> vectors) {
            if (position == 0) {
                begin(j);
            }
            if (skipping) {
                return;
            }
            int chunkCount = Math.max(0, Math.min(vectors.size(), j.texts().size() - position));
            if (chunkCount > 0) {
                chunks.insertBatch(j.document().tenantId(), j.document().id(), position, j.texts().subList(position, position + chunkCount),
                        vectors.subList(0, chunkCount));
            }
        }

        private void begin(Job j) {
            skipping = false;
            open = transactions.getTransaction(new DefaultTransactionDefinition());
            if (j.insertRow()) {
                try {
                    documents.insert(j.document(), j.body());
                } catch (DuplicateKeyException e) {
                    // A concurrent request (or an identical file earlier in this batch) stored the same content first.
                    transactions.rollback(open);
                    open = null;
                    skipping = true;
                }
            }
        }

        private void finish(Job j, float[] lastVector) {
            if (skipping) {
                written.add(new Written(j, true));
                return;
            }
            DocumentRecord d = j.document();
            boolean titled = j.toEmbed().size() > j.texts().size();
            chunks.completeDocument(d.tenantId(), d.id(), titled ? lastVector : null);
            documents.markProcessed(d.tenantId(), d.id(), j.texts().size(), d.pages());
            outbox.publish(EventEnvelope.of(d.tenantId(), d.id(), new KnowledgeEvents.DocumentIngested(d.id(), d.filename(), d.contentType(),
                    d.sourceType(), d.collection(), j.texts().size(), d.sizeBytes())));
            TransactionStatus status = open;
            open = null;
            transactions.commit(status);
            written.add(new Written(j, false));
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
