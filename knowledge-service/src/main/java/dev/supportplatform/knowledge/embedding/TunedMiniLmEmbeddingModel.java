package dev.supportplatform.knowledge.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * all-MiniLM-L6-v2 with ONNX runtime limited to one intra-op thread per call. The library default lets every call
 * use all cores while it also runs one call per core, which oversubscribes a small machine; here parallelism comes
 * only from the {@code executor}'s workers (one per core), measured about 1.5x faster on 2 cores.
 * <p>
 * Two variants of the same network: full precision for chunks, and the library's int8 quantized export for search
 * queries, whose embedding is on every search's path, and for titles, which are compared only with queries: a short
 * text in about a third of the time, at cosine 0.99 to its full-precision vector (bench/RESULTS.md: search latency
 * and retrieval quality with each).
 */
public final class TunedMiniLmEmbeddingModel extends AbstractInProcessEmbeddingModel {

    public static final int DIMENSION = 384;

    private final OnnxBertBiEncoder encoder;

    /** The full-precision model, for chunks. */
    public TunedMiniLmEmbeddingModel(Executor executor) {
        this(executor, false);
    }

    private TunedMiniLmEmbeddingModel(Executor executor, boolean quantized) {
        super(executor);
        this.encoder = quantized
                ? load(AllMiniLmL6V2QuantizedEmbeddingModel.class, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json")
                : load(AllMiniLmL6V2EmbeddingModel.class, "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json");
    }

    /** The int8 quantized model, for queries and titles. */
    public static TunedMiniLmEmbeddingModel quantized(Executor executor) {
        return new TunedMiniLmEmbeddingModel(executor, true);
    }

    private static OnnxBertBiEncoder load(Class<?> library, String modelFile, String tokenizerFile) {
        ClassLoader loader = library.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(modelFile);
             InputStream tokenizer = loader.getResourceAsStream(tokenizerFile)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException(modelFile + " is not on the classpath");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSION;
    }
}
