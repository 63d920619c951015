package dev.supportplatform.chat.intent;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * One in-process sentence-embedding model shipped in a LangChain4j jar, with ONNX runtime limited to one thread per
 * call: parallelism comes only from the caller's workers, which on a 2-core machine is faster than the library's
 * default of every call using every core (STACK.md).
 */
final class OnnxSentenceModel extends AbstractInProcessEmbeddingModel {

    /** The models this service can load, by the name the settings use. */
    enum Kind {
        MINILM("all-minilm-l6-v2", "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel", PoolingMode.MEAN, ""),
        BGE_SMALL("bge-small-en-v1.5", "dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel", PoolingMode.CLS, ""),
        // e5 was trained with "query: " before short texts to be compared symmetrically
        E5_SMALL("e5-small-v2", "dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel", PoolingMode.MEAN, "query: ");

        final String resource;
        final String anchorClass;
        final PoolingMode pooling;
        final String prefix;

        Kind(String resource, String anchorClass, PoolingMode pooling, String prefix) {
            this.resource = resource;
            this.anchorClass = anchorClass;
            this.pooling = pooling;
            this.prefix = prefix;
        }

        static Kind of(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "minilm", "all-minilm-l6-v2" -> MINILM;
                case "bge", "bge-small", "bge-small-en-v1.5" -> BGE_SMALL;
                case "e5", "e5-small", "e5-small-v2" -> E5_SMALL;
                default -> throw new IllegalArgumentException("Unknown embedding model '" + name + "' (minilm, bge-small, e5-small)");
            };
        }
    }

    static final int DIMENSION = 384;

    private final Kind kind;
    private final OnnxBertBiEncoder encoder;

    OnnxSentenceModel(Kind kind, Executor executor) {
        super(executor);
        this.kind = kind;
        this.encoder = load(kind);
    }

    Kind kind() {
        return kind;
    }

    private static OnnxBertBiEncoder load(Kind kind) {
        ClassLoader loader;
        try {
            loader = Class.forName(kind.anchorClass).getClassLoader();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The jar of embedding model " + kind.resource + " is not on the classpath", e);
        }
        try (InputStream model = loader.getResourceAsStream(kind.resource + ".onnx");
             InputStream tokenizer = loader.getResourceAsStream(kind.resource + "-tokenizer.json")) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException(kind.resource + " model files are not on the classpath");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // through a temporary file rather than a byte array: the runtime reads it natively, so the ~90 MB model
            // never sits on the Java heap
            Path file = Files.createTempFile("onnx-" + kind.resource, ".onnx");
            OrtSession session;
            try {
                Files.copy(model, file, StandardCopyOption.REPLACE_EXISTING);
                session = environment.createSession(file.toString(), options);
            } finally {
                Files.deleteIfExists(file);
            }
            return new OnnxBertBiEncoder(environment, session, tokenizer, kind.pooling);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load embedding model " + kind.resource, e);
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
