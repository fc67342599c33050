package io.lyss.memory.embedding;

import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.lyss.embedding.CallerThreadMiniLm;
import io.lyss.memory.MemoryProperties;
import java.time.Duration;

/**
 * The in-process all-MiniLM-L6-v2 model (384 dimensions, offline) unless an OpenAI-compatible embedding
 * endpoint is configured.
 */
public final class EmbedderFactory {

    private EmbedderFactory() {}

    public static Embedder create(MemoryProperties.Embedding settings) {
        if (settings.baseUrl() == null || settings.baseUrl().isBlank()) {
            return new Embedder(new CallerThreadMiniLm(), CallerThreadMiniLm.DIMENSIONS, "all-minilm-l6-v2-q");
        }
        var model = OpenAiEmbeddingModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey())
                .modelName(settings.model())
                .dimensions(settings.dimensions())
                .timeout(Duration.ofSeconds(30))
                .maxRetries(1)
                .build();
        return new Embedder(model, settings.dimensions(), settings.model());
    }
}
