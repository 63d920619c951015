package dev.supportplatform.knowledge.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Embeds texts in batches through whichever model is configured, reporting progress after each batch. */
public class Embedder {

    private final EmbeddingModel model;
    private final int batchSize;

    public Embedder(EmbeddingModel model, int batchSize) {
        this.model = model;
        this.batchSize = Math.max(1, batchSize);
    }

    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    public List<float[]> embedAll(List<String> texts) {
        return embedAll(texts, done -> { });
    }

    /** @param progress called with the number of texts embedded so far after each batch */
    public List<float[]> embedAll(List<String> texts, IntConsumer progress) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + batchSize)).stream()
                    .map(TextSegment::from).toList();
            for (Embedding e : model.embedAll(batch).content()) {
                vectors.add(e.vector());
            }
            progress.accept(vectors.size());
        }
        return vectors;
    }

    public int dimension() {
        return model.dimension();
    }
}
