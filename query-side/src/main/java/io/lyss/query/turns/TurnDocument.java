package io.lyss.query.turns;

/** A completed turn as indexed for search; {@code occurredAt} is ISO-8601 UTC. */
public record TurnDocument(
        String eventId,
        String workspaceId,
        String conversationId,
        String turnId,
        String keyId,
        String endUserId,
        String model,
        String channelId,
        String question,
        String answer,
        String finishReason,
        long latencyMillis,
        String occurredAt) {}
