package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.governance.KeyGrant;
import java.util.List;

/**
 * One chat request as the workflow sees it, whichever API it came through.
 *
 * @param api {@code openai} or {@code dify}
 * @param opensConversation true when this turn starts its conversation (the command side then records it without
 *     looking the conversation up); false when the conversation may already exist
 * @param prompt the model, the whole prompt (earlier turns included) and the sampling parameters
 * @param question the last user message: what memory and the semantic cache search for
 * @param endUserId the end user the client named; null when none (the memory node is then skipped)
 * @param channels the channels serving the model, in the order the router chose
 * @param canonicalRequest the request in canonical form: the exact cache key
 * @param semanticCacheAllowed true when the request opted in to semantic cache matching
 * @param receivedAtNanos {@link System#nanoTime()} when the request arrived
 * @param spendReason {@code memory} for the memory projector's own extraction calls; null for a chat turn
 */
public record ChatTurn(
        String api,
        String conversationId,
        boolean opensConversation,
        String turnId,
        String runId,
        KeyGrant grant,
        UpstreamCaller.Prompt prompt,
        String question,
        String endUserId,
        List<ChannelRoute> channels,
        String canonicalRequest,
        boolean semanticCacheAllowed,
        long receivedAtNanos,
        String spendReason) {

    /** The same turn with another prompt (e.g. its completion tokens capped by a budget). */
    public ChatTurn withPrompt(UpstreamCaller.Prompt capped) {
        return new ChatTurn(
                api,
                conversationId,
                opensConversation,
                turnId,
                runId,
                grant,
                capped,
                question,
                endUserId,
                channels,
                canonicalRequest,
                semanticCacheAllowed,
                receivedAtNanos,
                spendReason);
    }

    /** The last user message of a prompt, or an empty string. */
    public static String lastUserMessage(List<PromptMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return "";
    }
}
