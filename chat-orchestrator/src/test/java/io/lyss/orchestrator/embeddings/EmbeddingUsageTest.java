package io.lyss.orchestrator.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.TokenEstimator;
import io.lyss.orchestrator.openai.OpenAiError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddingUsageTest {

    private final ObjectMapper json = new ObjectMapper();
    private final TokenEstimator estimator = new TokenEstimator();

    @Test
    void theProvidersUsageIsTakenAsIs() throws Exception {
        var input = EmbeddingInput.parse(json.readTree("\"hello world\""));

        TokenCounts counts = EmbeddingUsage.of(
                bytes("{\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7}}"), input, estimator, json);

        assertThat(counts).isEqualTo(new TokenCounts(7, 0, 0, false));
    }

    @Test
    void withoutUsageTheInputIsCountedWithTheTokenizerAndMarkedEstimated() throws Exception {
        var input = EmbeddingInput.parse(json.readTree("[\"hello world\", [1, 2, 3], \"a longer sentence to count\"]"));

        TokenCounts counts = EmbeddingUsage.of(bytes("{\"data\":[]}"), input, estimator, json);

        long expected = estimator.text("hello world") + 3 + estimator.text("a longer sentence to count");
        assertThat(counts.estimated()).isTrue();
        assertThat(counts.prompt()).isEqualTo(expected).isGreaterThan(3);
        assertThat(EmbeddingUsage.of(bytes("not json"), input, estimator, json).prompt())
                .isEqualTo(expected);
    }

    @Test
    void tokenArraysAreCountedExactly() throws Exception {
        assertThat(EmbeddingInput.parse(json.readTree("[5, 6, 7, 8]")).tokenIds())
                .isEqualTo(4);
        assertThat(EmbeddingInput.parse(json.readTree("[[5, 6], [7]]")).tokenIds())
                .isEqualTo(3);
    }

    @Test
    void malformedInputsAreRefusedNamingTheField() {
        for (String input : new String[] {"\"\"", "[]", "{}", "[{}]", "[[\"a\"]]", "[[]]", "3", "null"}) {
            assertThatThrownBy(() -> EmbeddingInput.parse(parse(input)))
                    .as(input)
                    .isInstanceOfSatisfying(OpenAiError.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.toJson(json).at("/error/param").asText()).isEqualTo("input");
                    });
        }
        assertThatThrownBy(() -> EmbeddingInput.parse(null)).isInstanceOf(OpenAiError.class);
    }

    private JsonNode parse(String text) throws Exception {
        return json.readTree(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
