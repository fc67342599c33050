package io.lyss.memory.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;

/** Turns memory texts and queries into vectors of a fixed size for the kNN index. */
public final class Embedder {

    private final EmbeddingModel model;
    private final int dimensions;
    private final String name;

    public Embedder(EmbeddingModel model, int dimensions, String name) {
        this.model = model;
        this.dimensions = dimensions;
        this.name = name;
    }

    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    public int dimensions() {
        return dimensions;
    }

    /** Which model made the vectors, e.g. {@code all-minilm-l6-v2-q}. */
    public String name() {
        return name;
    }
}
