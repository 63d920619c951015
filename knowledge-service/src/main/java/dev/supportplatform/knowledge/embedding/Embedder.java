package dev.supportplatform.knowledge.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Embeds texts in batches through whichever model is configured; search queries
 * and document titles (compared only with queries) go through the query model, which may be a faster variant of the
 * same model (see {@link TunedMiniLmEmbeddingModel}).
 */
public class Embedder {

    /** The id of the in-process model, as callers that embed with the same model name it. */
    public static final String IN_PROCESS_MODEL = "all-minilm-l6-v2";

    private final EmbeddingModel model;
    private final EmbeddingModel queryModel;
    private final int batchSize;
    private final String modelId;

    public Embedder(EmbeddingModel model, int batchSize) {
        this(model, model, batchSize, IN_PROCESS_MODEL);
    }

    /**
     * @param queryModel embeds search queries and titles: {@code model} itself, or a variant whose vectors are compared
     *                   with {@code model}'s (measured to rank alike)
     * @param modelId    names the stored vectors' model, so that a vector a caller computed is used only when it
     *                   comes from the same one
     */
    public Embedder(EmbeddingModel model, EmbeddingModel queryModel, int batchSize, String modelId) {
        this.model = model;
        this.queryModel = queryModel;
        this.batchSize = Math.max(1, batchSize);
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }

    /** One text's vector from the chunks' model, as a caller that sends its own query vector computes it. */
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    /**
     * Titles' vectors, from the query model: a title is compared only with queries (its similarity is blended into
     * its chunks'), so it is embedded as they are; as short texts, they are also where the quantized model saves most.
     */
    public List<float[]> embedTitles(List<String> titles) {
        return inBatches(queryModel, titles);
    }

    /** A search query's vector, from the query model. */
    public float[] embedQuery(String text) {
        return queryModel.embed(text).content().vector();
    }

    /**
     * Starts embedding the search query {@code text} on a thread of its own and returns a supplier that waits for the
     * vector (and rethrows the model's failure), so the caller can do other work meanwhile.
     */
    public Supplier<float[]> embedQueryAsync(String text) {
        CompletableFuture<float[]> vector = CompletableFuture.supplyAsync(() -> embedQuery(text), QUERY_THREADS);
        return () -> join(vector);
    }

    /** Platform threads: the ONNX call is native and would pin a virtual thread's carrier for its whole duration. */
    private static final java.util.concurrent.Executor QUERY_THREADS = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().name("query-embedding-", 0).daemon().factory());

    /** Chunks' vectors, from the chunks' model. */
    public List<float[]> embedAll(List<String> texts) {
        return inBatches(model, texts);
    }

    private List<float[]> inBatches(EmbeddingModel embedding, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + batchSize)).stream()
                    .map(TextSegment::from).toList();
            for (Embedding e : embedding.embedAll(batch).content()) {
                vectors.add(e.vector());
            }
        }
        return vectors;
    }

    /** Receives one batch's vectors. */
    @FunctionalInterface
    public interface BatchConsumer {

        /** @param from the index (in the embedded list) of the batch's first text */
        void accept(int from, List<float[]> vectors);
    }

    /**
     * Embeds texts batch by batch and hands each batch's vectors to {@code consumer}, in order and on the calling
     * thread, while the next batch is already queued for the embedding workers: whatever the consumer does (storing
     * the previous batch) overlaps embedding instead of stalling it.
     *
     * @param embedded called with the number of texts embedded so far after each batch, off the calling thread (so
     *                 that it can, for example, record progress outside the caller's transaction)
     */
    public void embedPipelined(List<String> texts, IntConsumer embedded, BatchConsumer consumer) {
        AtomicInteger done = new AtomicInteger();
        CompletableFuture<List<float[]>> next = texts.isEmpty() ? null : embedAsync(texts, 0, done, embedded);
        for (int from = 0; from < texts.size(); from += batchSize) {
            CompletableFuture<List<float[]>> current = next;
            next = from + batchSize < texts.size() ? embedAsync(texts, from + batchSize, done, embedded) : null;
            consumer.accept(from, join(current));
        }
    }

    private CompletableFuture<List<float[]>> embedAsync(List<String> texts, int from, AtomicInteger done, IntConsumer embedded) {
        List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + batchSize)).stream().map(TextSegment::from).toList();
        // A virtual thread only waits for the workers; the workers (the model's executor) do the computing.
        return CompletableFuture.supplyAsync(() -> {
            List<float[]> vectors = model.embedAll(batch).content().stream().map(Embedding::vector).toList();
            embedded.accept(done.addAndGet(vectors.size()));
            return vectors;
        }, Thread.ofVirtual().name("embed-pipeline")::start);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public int dimension() {
        return model.dimension();
    }
}
