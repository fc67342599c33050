package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.chat.TokenCounts;

/** OpenAI's {@code usage} object. */
final class UsageJson {

    private UsageJson() {}

    static void write(ObjectNode usage, TokenCounts counts) {
        usage.put("prompt_tokens", counts.prompt());
        usage.put("completion_tokens", counts.completion());
        usage.put("total_tokens", counts.total());
        usage.putObject("prompt_tokens_details").put("cached_tokens", counts.cached());
    }
}
