package io.lyss.orchestrator.chat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;

/**
 * Counts tokens with a real tokenizer (o200k, as used by current OpenAI models) when a provider does not report
 * usage, e.g. for an aborted stream. OpenAI's chat format adds a few tokens per message; they are counted too.
 */
public final class TokenEstimator {

    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PRIMING_REPLY = 3;

    private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public long prompt(List<PromptMessage> messages) {
        long tokens = TOKENS_PRIMING_REPLY;
        for (PromptMessage message : messages) {
            tokens += TOKENS_PER_MESSAGE + encoding.countTokens(message.role()) + encoding.countTokens(message.text());
        }
        return tokens;
    }

    public long text(String text) {
        return text.isEmpty() ? 0 : encoding.countTokens(text);
    }
}
