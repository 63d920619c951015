package dev.supportplatform.chat.intent;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Turns a message into the vector the intent classifier and the sentiment model read: the unit-length embeddings of
 * one or more in-process models, concatenated. Loaded once per process; thread-safe.
 */
public final class TextEncoder implements AutoCloseable {

    private static final int BATCH = 64;

    private final List<OnnxSentenceModel> models;
    private final ExecutorService workers;

    /** @param modelNames e.g. {@code ["minilm", "bge-small"]}; the order fixes the layout of the vector */
    public TextEncoder(List<String> modelNames, int workerThreads) {
        if (modelNames.isEmpty()) {
            throw new IllegalArgumentException("at least one embedding model is needed");
        }
        this.workers = Executors.newFixedThreadPool(Math.max(1, workerThreads), Thread.ofPlatform().name("encode-", 0).daemon().factory());
        List<OnnxSentenceModel> loaded = new ArrayList<>();
        for (String name : modelNames) {
            loaded.add(new OnnxSentenceModel(OnnxSentenceModel.Kind.of(name), workers));
        }
        this.models = List.copyOf(loaded);
    }

    /** A short fingerprint of the layout, stored with every example's vector so that a model change is detected. */
    public String layout() {
        return String.join("+", models.stream().map(m -> m.kind().resource).toList());
    }

    /** Where the block of the named model starts in a vector, or -1 when this encoder does not use it. */
    public int offsetOf(String modelResource) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).kind().resource.equals(modelResource)) {
                return i * OnnxSentenceModel.DIMENSION;
            }
        }
        return -1;
    }

    /** The named model's own embedding within a vector of this encoder, or null when this encoder does not use it. */
    public float[] blockOf(float[] vector, String modelResource) {
        int offset = offsetOf(modelResource);
        return offset < 0 ? null : Arrays.copyOfRange(vector, offset, offset + OnnxSentenceModel.DIMENSION);
    }

    public int dimension() {
        return models.size() * OnnxSentenceModel.DIMENSION;
    }

    /** The vector of one text (each model's block has unit length). */
    public float[] encode(String text) {
        float[] out = new float[dimension()];
        int offset = 0;
        for (OnnxSentenceModel model : models) {
            float[] v = model.embed(model.kind().prefix + text).content().vector();
            System.arraycopy(normalised(v), 0, out, offset, v.length);
            offset += v.length;
        }
        return out;
    }

    /** The vectors of many texts, in order; batches run on the worker threads. */
    public List<float[]> encodeAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            float[][] vectors = new float[batch.size()][dimension()];
            int offset = 0;
            for (OnnxSentenceModel model : models) {
                List<Embedding> embedded = model.embedAll(batch.stream().map(t -> TextSegment.from(model.kind().prefix + t)).toList()).content();
                for (int i = 0; i < batch.size(); i++) {
                    System.arraycopy(normalised(embedded.get(i).vector()), 0, vectors[i], offset, OnnxSentenceModel.DIMENSION);
                }
                offset += OnnxSentenceModel.DIMENSION;
            }
            out.addAll(List.of(vectors));
        }
        return out;
    }

    private static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return v;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
