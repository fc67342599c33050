package io.lyss.orchestrator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.TokenEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBoundTest {

    private final TokenEstimator tokenizer = new TokenEstimator();
    private final PromptBound bound = new PromptBound(tokenizer);

    @Test
    void aShortPromptIsBoundedAboveItsTokenizedLengthWithoutTokenizing() {
        for (String text : List.of("What is the answer?", "日本語のテキストです", "🙂🙂🙂 emoji", "x".repeat(600))) {
            List<PromptMessage> prompt =
                    List.of(new PromptMessage("system", "Be brief."), new PromptMessage("user", text));
            assertThat(bound.tokens(prompt)).isGreaterThanOrEqualTo(tokenizer.prompt(prompt));
        }
    }

    @Test
    void aLongPromptIsTokenizedWithAMarginRatherThanBoundedByItsLength() {
        List<PromptMessage> prompt = List.of(new PromptMessage("user", "The answer is forty-two. ".repeat(400)));
        long tokens = tokenizer.prompt(prompt);
        assertThat(bound.tokens(prompt)).isGreaterThan(tokens).isLessThan(2 * tokens);
    }
}
