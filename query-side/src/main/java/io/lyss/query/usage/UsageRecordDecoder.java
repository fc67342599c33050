package io.lyss.query.usage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectReader;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.RequestRejected;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.projection.RecordDecoder;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads the usage events straight from the record's bytes into the few fields the usage fold uses, in one pass and
 * without building a JSON tree; the question and answer of a turn, its hash and the rest are skipped. Other event
 * types (key issuance, rare) go through the general decoder. The payload records it builds carry null or zero in the
 * fields it skipped, so they are for folding usage only.
 */
final class UsageRecordDecoder implements RecordDecoder {

    private final ObjectReader wire = EventJson.newMapper().readerFor(Wire.class);
    private final RecordDecoder general = RecordDecoder.bound();

    @Override
    public ProjectedEvent decode(byte[] value, int partition, long offset) {
        Wire event;
        try {
            event = wire.readValue(value);
        } catch (IOException e) {
            return general.decode(value, partition, offset); // fails with the general decoder's own explanation
        }
        if (event.payload() == null || event.type() == null) {
            return general.decode(value, partition, offset);
        }
        LyssEvent payload = event.payload().as(event.type());
        if (payload == null) {
            return general.decode(value, partition, offset);
        }
        EventEnvelope envelope = new EventEnvelope(
                event.eventId(),
                event.type(),
                event.revision(),
                event.occurredAt(),
                event.workspaceId(),
                event.actor(),
                event.correlationId(),
                event.aggregateId(),
                event.aggregateSequence(),
                event.globalIndex(),
                null);
        return new ProjectedEvent(envelope, payload, partition, offset);
    }

    /** The envelope, with the payload narrowed to the union of the usage fields. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Wire(
            String eventId,
            String type,
            int revision,
            Instant occurredAt,
            String workspaceId,
            String actor,
            String correlationId,
            String aggregateId,
            long aggregateSequence,
            long globalIndex,
            Fields payload) {}

    /** Every field the fold reads from TokensSpent, TurnCompleted, RequestRejected and CacheHit. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fields(
            String requestId,
            String turnId,
            String workspaceId,
            String keyId,
            String model,
            String channelId,
            long promptTokens,
            long completionTokens,
            long cachedTokens,
            long costMicros,
            String priceVersion,
            SpendReason reason,
            boolean estimated,
            String finishReason,
            String endUserId,
            String kind,
            long savedPromptTokens,
            long savedCompletionTokens,
            long savedCostMicros) {

        /** The payload record of a usage type, or null for another type. */
        LyssEvent as(String type) {
            return switch (type) {
                case "usage.TokensSpent" ->
                    new TokensSpent(
                            requestId,
                            workspaceId,
                            keyId,
                            model,
                            channelId,
                            promptTokens,
                            completionTokens,
                            cachedTokens,
                            costMicros,
                            priceVersion,
                            reason,
                            estimated);
                case "conversation.TurnCompleted" ->
                    new TurnCompleted(
                            null,
                            turnId,
                            workspaceId,
                            keyId,
                            model,
                            channelId,
                            null,
                            null,
                            finishReason,
                            0,
                            0,
                            endUserId,
                            null);
                case "usage.RequestRejected" ->
                    new RequestRejected(requestId, workspaceId, keyId, model, 0, null, null);
                case "usage.CacheHit" ->
                    new CacheHit(
                            requestId,
                            workspaceId,
                            keyId,
                            model,
                            kind,
                            null,
                            0,
                            savedPromptTokens,
                            savedCompletionTokens,
                            savedCostMicros,
                            priceVersion);
                default -> null;
            };
        }
    }
}
