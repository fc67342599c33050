package io.lyss.query.turns;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.CheckpointedProjection;
import io.lyss.query.projection.ProjectedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Completed turns in Elasticsearch, for conversation search. Documents are keyed by event id, so re-indexing
 * after a crash overwrites rather than duplicates; the checkpoint moves only after the bulk request succeeded.
 */
public final class TurnIndexProjection extends CheckpointedProjection {

    static final String NAME = "turn-index";

    private final ElasticsearchClient elasticsearch;
    private final TurnIndex index;

    public TurnIndexProjection(ElasticsearchClient elasticsearch, TurnIndex index, CheckpointStore checkpoints) {
        super(NAME, TurnCompleted.class, checkpoints);
        this.elasticsearch = elasticsearch;
        this.index = index;
    }

    @Override
    public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
        if (!events.isEmpty()) {
            index.ensureExists();
            bulkIndex(events);
        }
        checkpoints.save(NAME, nextOffsets);
    }

    private void bulkIndex(List<ProjectedEvent> events) {
        try {
            BulkResponse response = elasticsearch.bulk(bulk -> {
                for (ProjectedEvent event : events) {
                    TurnDocument document = toDocument(event);
                    bulk.operations(op -> op.index(
                            i -> i.index(TurnIndex.NAME).id(document.eventId()).document(document)));
                }
                return bulk;
            });
            if (response.errors()) {
                throw new IllegalStateException("Elasticsearch refused part of a bulk of " + events.size() + " turns");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is unreachable", e);
        }
    }

    private static TurnDocument toDocument(ProjectedEvent event) {
        TurnCompleted turn = (TurnCompleted) event.payload();
        return new TurnDocument(
                event.envelope().eventId(),
                turn.workspaceId(),
                turn.conversationId(),
                turn.turnId(),
                turn.keyId(),
                turn.model(),
                turn.channelId(),
                turn.question(),
                turn.answer(),
                turn.finishReason(),
                turn.latencyMillis(),
                event.envelope().occurredAt().toString());
    }
}
