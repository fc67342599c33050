package io.lyss.orchestrator.quota;

import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.TokenEstimator;
import java.util.List;

/**
 * The most prompt tokens a request can be charged, for its reservation. A BPE token is at least one UTF-8 byte
 * and a UTF-16 char at most three, so 3 x chars is a strict bound, costing nothing to compute: used for the short
 * prompts of most chat requests. Long prompts would be over-reserved by that bound, so they are counted with the
 * tokenizer plus a margin for providers whose tokenizers differ.
 */
final class PromptBound {

    private static final int SHORT_PROMPT_CHARS = 2048;
    private static final int TOKENS_PER_MESSAGE = 4;
    private static final int TOKENS_PRIMING = 3;
    private static final double TOKENIZER_MARGIN = 1.1;
    private static final int TOKENIZER_SLACK = 16;

    private final TokenEstimator estimator;

    PromptBound(TokenEstimator estimator) {
        this.estimator = estimator;
    }

    long tokens(List<PromptMessage> messages) {
        long chars = 0;
        for (PromptMessage message : messages) {
            chars += message.role().length() + message.text().length();
        }
        if (chars <= SHORT_PROMPT_CHARS) {
            return 3 * chars + (long) TOKENS_PER_MESSAGE * messages.size() + TOKENS_PRIMING;
        }
        return (long) Math.ceil(estimator.prompt(messages) * TOKENIZER_MARGIN) + TOKENIZER_SLACK;
    }
}
