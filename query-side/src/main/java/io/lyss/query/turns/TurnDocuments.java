package io.lyss.query.turns;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.lyss.events.EventCatalogue;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.readmodel.SearchDocuments;

/** Completed turns for conversation search: keyword fields for filters, {@code standard}-analysed text. */
public final class TurnDocuments implements SearchDocuments<TurnDocument> {

    public static final String NAME = "turns";
    static final String ALIAS = "lyss-turns";
    private static final String TYPE = EventCatalogue.nameOf(TurnCompleted.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public boolean handles(String eventType) {
        return TYPE.equals(eventType);
    }

    @Override
    public TurnDocument document(ProjectedEvent event) {
        TurnCompleted turn = (TurnCompleted) event.payload();
        return new TurnDocument(
                event.envelope().eventId(),
                turn.workspaceId(),
                turn.conversationId(),
                turn.turnId(),
                turn.keyId(),
                turn.endUserId(),
                turn.model(),
                turn.channelId(),
                turn.question(),
                turn.answer(),
                turn.finishReason(),
                turn.latencyMillis(),
                event.envelope().occurredAt().toString());
    }

    @Override
    public String id(TurnDocument document) {
        return document.eventId();
    }

    @Override
    public String idField() {
        return "eventId";
    }

    @Override
    public Class<TurnDocument> documentType() {
        return TurnDocument.class;
    }

    @Override
    public TypeMapping mapping() {
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                .properties("eventId", p -> p.keyword(k -> k))
                .properties("workspaceId", p -> p.keyword(k -> k))
                .properties("conversationId", p -> p.keyword(k -> k))
                .properties("turnId", p -> p.keyword(k -> k))
                .properties("keyId", p -> p.keyword(k -> k))
                .properties("endUserId", p -> p.keyword(k -> k))
                .properties("model", p -> p.keyword(k -> k))
                .properties("channelId", p -> p.keyword(k -> k))
                .properties("question", p -> p.text(t -> t.analyzer("standard")))
                .properties("answer", p -> p.text(t -> t.analyzer("standard")))
                .properties("finishReason", p -> p.keyword(k -> k))
                .properties("latencyMillis", p -> p.long_(l -> l))
                .properties("occurredAt", p -> p.date(d -> d)));
    }
}
