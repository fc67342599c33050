package io.lyss.orchestrator.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.TokenEstimator;
import io.lyss.orchestrator.openai.OpenAiError;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code input} of an embeddings request as Lyss counts it: texts (a string or an array of strings) and
 * pre-tokenized inputs (an array of token ids, or an array of such arrays), whose tokens are counted exactly.
 */
record EmbeddingInput(List<String> texts, long tokenIds) {

    static EmbeddingInput parse(JsonNode input) {
        if (input != null && input.isTextual() && !input.asText().isEmpty()) {
            return new EmbeddingInput(List.of(input.asText()), 0);
        }
        if (input == null || !input.isArray() || input.isEmpty()) {
            throw invalid();
        }
        List<String> texts = new ArrayList<>();
        long tokenIds = 0;
        for (JsonNode item : input) {
            if (item.isTextual()) {
                texts.add(item.asText());
            } else if (item.isIntegralNumber()) {
                tokenIds++;
            } else if (item.isArray() && !item.isEmpty()) {
                for (JsonNode token : item) {
                    if (!token.isIntegralNumber()) {
                        throw invalid();
                    }
                }
                tokenIds += item.size();
            } else {
                throw invalid();
            }
        }
        return new EmbeddingInput(List.copyOf(texts), tokenIds);
    }

    /** The texts as prompt messages, for the quota's worst-case bound. */
    List<PromptMessage> asMessages() {
        return texts.stream().map(text -> new PromptMessage("user", text)).toList();
    }

    /** The input's tokens counted with Lyss's tokenizer, for a provider that reports no usage. */
    long estimatedTokens(TokenEstimator estimator) {
        return tokenIds + texts.stream().mapToLong(estimator::text).sum();
    }

    private static OpenAiError invalid() {
        return OpenAiError.invalidRequest(
                "input", "'input' must be a non-empty string, an array of strings, or an array of token arrays.");
    }
}
