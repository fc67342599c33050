package io.lyss.orchestrator.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.TokenEstimator;
import java.io.IOException;

/**
 * The tokens an embeddings answer spent: the provider's {@code usage.prompt_tokens} where it gave one, otherwise the
 * input counted with Lyss's tokenizer, marked as estimated.
 */
final class EmbeddingUsage {

    private EmbeddingUsage() {}

    static TokenCounts of(byte[] answer, EmbeddingInput input, TokenEstimator estimator, ObjectMapper json) {
        JsonNode promptTokens;
        try {
            promptTokens = json.readTree(answer).path("usage").path("prompt_tokens");
        } catch (IOException e) {
            promptTokens = null;
        }
        if (promptTokens != null && promptTokens.isIntegralNumber() && promptTokens.asLong() >= 0) {
            return new TokenCounts(promptTokens.asLong(), 0, 0, false);
        }
        return new TokenCounts(input.estimatedTokens(estimator), 0, 0, true);
    }
}
