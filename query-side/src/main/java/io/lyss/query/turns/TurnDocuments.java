package io.lyss.query.turns;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.lyss.events.EventCatalogue;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.UserForgotten;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.readmodel.SearchDocuments;
import io.lyss.security.personal.ConversationContents;
import java.util.Set;

/**
 * Completed turns for conversation search: keyword fields for filters, {@code standard}-analysed text opened with
 * the subject's data key (a shredded turn is not indexed). {@code UserForgotten} erases the user's turns.
 */
public final class TurnDocuments implements SearchDocuments<TurnDocument> {

    public static final String NAME = "turns";
    static final String ALIAS = "lyss-turns";
    private static final Set<String> TYPES =
            Set.of(EventCatalogue.nameOf(TurnCompleted.class), EventCatalogue.nameOf(UserForgotten.class));

    private final ConversationContents contents;

    public TurnDocuments(ConversationContents contents) {
        this.contents = contents;
    }

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
        return TYPES.contains(eventType);
    }

    @Override
    public TurnDocument document(ProjectedEvent event) {
        TurnCompleted turn = contents.open((TurnCompleted) event.payload()).orElse(null);
        if (turn == null) {
            return null; // shredded: its user was forgotten
        }
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
    public Query erasure(ProjectedEvent event) {
        if (!(event.payload() instanceof UserForgotten forgotten)) {
            return null;
        }
        contents.forgotten(forgotten);
        return Query.of(q ->
                q.bool(b -> b.filter(f -> f.term(t -> t.field("workspaceId").value(forgotten.workspaceId())))
                        .filter(f -> f.term(t -> t.field("endUserId").value(forgotten.userId())))));
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
