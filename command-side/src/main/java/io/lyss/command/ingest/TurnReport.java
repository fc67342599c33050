package io.lyss.command.ingest;

import io.lyss.command.conversation.api.CacheSaving;
import io.lyss.command.conversation.api.RecordTurn;
import io.lyss.command.conversation.api.WorkflowTimeline;
import io.lyss.command.scope.Provenance;
import io.lyss.events.Actor;
import io.lyss.events.memory.EncryptedContent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A finished turn as reported by a chat orchestrator over {@code POST /internal/v1/turns}, with the workflow run
 * that produced it and, for an answer from the cache, what the cache saved (both optional).
 *
 * @param opensConversation true when the orchestrator has just opened the turn's conversation (absent: false)
 */
record TurnReport(
        @NotBlank String conversationId,
        @NotBlank String turnId,
        @NotBlank String workspaceId,
        @NotBlank String keyId,
        @NotBlank String api,
        @NotBlank String model,
        @NotBlank String channelId,
        String question,
        String answer,
        @NotBlank String finishReason,
        @PositiveOrZero long latencyMillis,
        long firstTokenMillis,
        @PositiveOrZero long promptTokens,
        @PositiveOrZero long completionTokens,
        @PositiveOrZero long cachedTokens,
        @PositiveOrZero long costMicros,
        @NotBlank String priceVersion,
        boolean usageEstimated,
        String endUserId,
        String spendReason,
        WorkflowTimeline workflow,
        CacheSaving cacheSaving,
        String requestHash,
        boolean opensConversation) {

    /** The command recording this turn, its question and answer replaced by {@code content} once sealed. */
    RecordTurn toCommand(EncryptedContent content) {
        return new RecordTurn(
                conversationId,
                turnId,
                workspaceId,
                keyId,
                api,
                model,
                channelId,
                content == null ? question : null,
                content == null ? answer : null,
                finishReason,
                latencyMillis,
                firstTokenMillis,
                promptTokens,
                completionTokens,
                cachedTokens,
                costMicros,
                priceVersion,
                usageEstimated,
                endUserId,
                spendReason,
                workflow,
                cacheSaving,
                requestHash,
                content);
    }

    /** A turn is caused by the key that asked for it, and correlated by its own id. */
    Provenance provenance() {
        return new Provenance(Actor.apiKey(keyId), turnId);
    }

    @Override
    public String toString() {
        return "TurnReport[" + turnId + ", " + workspaceId + ", " + model + "]";
    }
}
