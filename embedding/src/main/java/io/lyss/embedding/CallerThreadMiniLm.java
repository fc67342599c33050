package io.lyss.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2, quantized (384 dimensions, offline), computed on the calling thread only, at its priority.
 *
 * <p>LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel} opens its ONNX Runtime session with the default
 * options: a pool of native threads, one per core beside the caller, that spin while they wait for work and run at
 * the normal priority whatever the priority of the Java thread that asked. The semantic cache embeds the question of
 * every reusable turn on a feed thread at nice 19 (ADR 0036), yet under load that pool thread took 0.6 of a core at
 * nice 0 from the requests (docs/benchmarks.md, stop 18). One intra-op thread keeps the work on the caller. Same
 * model file, tokenizer and pooling as LangChain4j's class, so the vectors are the same.
 */
public final class CallerThreadMiniLm extends AbstractInProcessEmbeddingModel {

    /** Dimensions of the vectors. */
    public static final int DIMENSIONS = 384;

    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    /** The model (about 23 MB) is loaded and its session opened on the first embedding; instances share them. */
    public CallerThreadMiniLm() {
        super(Runnable::run);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return Shared.ENCODER;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSIONS;
    }

    /** Loaded on first use (holder idiom), once per class loader. */
    private static final class Shared {
        static final OnnxBertBiEncoder ENCODER = load();
    }

    private static OnnxBertBiEncoder load() {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (var options = new OrtSession.SessionOptions();
                InputStream model = resource(MODEL);
                InputStream tokenizer = resource(TOKENIZER)) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot open the embedding model " + MODEL, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding model " + MODEL, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = CallerThreadMiniLm.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return stream;
    }
}
