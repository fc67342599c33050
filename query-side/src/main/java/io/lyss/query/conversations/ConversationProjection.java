package io.lyss.query.conversations;

import io.lyss.events.EventCatalogue;
import io.lyss.events.conversation.ConversationDeleted;
import io.lyss.events.conversation.ConversationRenamed;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.MessageFeedbackGiven;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.memory.UserForgotten;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.projection.Projection;
import io.lyss.security.personal.ConversationContents;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversations and their messages in PostgreSQL, from the conversation events. Each batch, its de-duplication
 * marks and its checkpoint commit in one transaction, so a replay gives the same tables. A conversation without a
 * name is named after its first question, as Dify does before its name generator runs. Questions and answers are
 * opened with their subject's data key; {@code UserForgotten} deletes the user's conversations and messages (a
 * rebuild after it finds their turns shredded, and deletes them again).
 */
public final class ConversationProjection implements Projection {

    static final String NAME = "conversations";
    private static final int NAME_LENGTH = 40;
    private static final Set<String> EVENT_TYPES = eventTypes();

    private final String name;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CheckpointStore checkpoints;
    private final ConversationContents contents;

    public ConversationProjection(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CheckpointStore checkpoints,
            ConversationContents contents) {
        this(NAME, jdbc, transactions, checkpoints, contents);
    }

    /**
     * Under another name: its own checkpoint and de-duplication marks, over the same tables (tests, and replaying the
     * log over the live tables, e.g. to check that a replay after an erasure brings nothing back).
     */
    public ConversationProjection(
            String name,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CheckpointStore checkpoints,
            ConversationContents contents) {
        this.name = name;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.checkpoints = checkpoints;
        this.contents = contents;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean handles(String eventType) {
        return EVENT_TYPES.contains(eventType);
    }

    private static Set<String> eventTypes() {
        return Stream.of(
                        ConversationStarted.class,
                        TurnCompleted.class,
                        ConversationRenamed.class,
                        ConversationDeleted.class,
                        MessageFeedbackGiven.class,
                        UserForgotten.class)
                .map(EventCatalogue::nameOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return checkpoints.load(name);
    }

    @Override
    public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
        transactions.executeWithoutResult(status -> {
            Set<String> fresh = firstDeliveries(events);
            var writes = new ConversationWrites(jdbc);
            for (ProjectedEvent event : events) {
                if (fresh.remove(event.envelope().eventId())) {
                    project(event, writes);
                }
            }
            writes.flush();
            checkpoints.save(name, nextOffsets);
        });
    }

    /** Marks the batch's events as applied; returns those that were not yet (a relay may publish an event twice). */
    private Set<String> firstDeliveries(List<ProjectedEvent> events) {
        String[] ids =
                events.stream().map(e -> e.envelope().eventId()).distinct().toArray(String[]::new);
        return new HashSet<>(jdbc.queryForList(
                "INSERT INTO lyss_query.conversation_processed_event (projection, event_id)"
                        + " SELECT ?, unnest(?::varchar[]) ON CONFLICT DO NOTHING RETURNING event_id",
                String.class,
                name,
                ids));
    }

    /**
     * Applies one event: the common ones (a conversation started, a turn completed) join the batch's gathered
     * writes; any other write first sends those, so it lands after everything before it.
     */
    private void project(ProjectedEvent event, ConversationWrites writes) {
        Timestamp at = Timestamp.from(event.envelope().occurredAt());
        switch (event.payload()) {
            case ConversationStarted started -> writes.started(started, at);
            case TurnCompleted sealed -> {
                TurnCompleted turn = contents.open(sealed).orElse(null);
                if (turn == null) {
                    writes.flush();
                    forgetConversation(sealed.workspaceId(), sealed.conversationId()); // its user was forgotten
                    return;
                }
                writes.completed(turn, firstWords(turn.question()), at);
            }
            default -> {
                writes.flush();
                projectRare(event.payload(), at);
            }
        }
    }

    private void projectRare(Object payload, Timestamp at) {
        switch (payload) {
            case ConversationRenamed sealedRename ->
                contents.open(sealedRename)
                        .ifPresent(renamed -> jdbc.update(
                                "UPDATE lyss_query.conversation SET name = ?, updated_at = ? WHERE workspace_id = ? AND conversation_id = ?",
                                renamed.name(),
                                at,
                                renamed.workspaceId(),
                                renamed.conversationId()));
            case ConversationDeleted deleted ->
                jdbc.update(
                        "UPDATE lyss_query.conversation SET deleted = TRUE WHERE workspace_id = ? AND conversation_id = ?",
                        deleted.workspaceId(),
                        deleted.conversationId());
            case MessageFeedbackGiven sealedFeedback -> {
                MessageFeedbackGiven feedback = contents.open(sealedFeedback).orElse(null);
                if (feedback == null) {
                    return; // the comment's user was forgotten
                }
                jdbc.update(
                        """
                        UPDATE lyss_query.conversation_message SET rating = ?, feedback_content = ?
                        WHERE workspace_id = ? AND message_id = ?
                        """,
                        feedback.rating(),
                        feedback.content(),
                        feedback.workspaceId(),
                        feedback.messageId());
            }
            case UserForgotten forgotten -> {
                contents.forgotten(forgotten);
                jdbc.update(
                        "DELETE FROM lyss_query.conversation_message WHERE workspace_id = ? AND end_user_id = ?",
                        forgotten.workspaceId(),
                        forgotten.userId());
                jdbc.update(
                        "DELETE FROM lyss_query.conversation WHERE workspace_id = ? AND end_user_id = ?",
                        forgotten.workspaceId(),
                        forgotten.userId());
            }
            default -> {
                // not a conversation event
            }
        }
    }

    /**
     * Drops a conversation whose turns no longer open (its user was forgotten), wherever the replay of the other
     * partitions stands: a replay after an erasure leaves no shell of it behind.
     */
    private void forgetConversation(String workspaceId, String conversationId) {
        jdbc.update(
                "DELETE FROM lyss_query.conversation_message WHERE workspace_id = ? AND conversation_id = ?",
                workspaceId,
                conversationId);
        jdbc.update(
                "DELETE FROM lyss_query.conversation WHERE workspace_id = ? AND conversation_id = ?",
                workspaceId,
                conversationId);
    }

    private static String firstWords(String question) {
        if (question == null || question.isBlank()) {
            return "New conversation";
        }
        String flat = question.strip().replaceAll("\\s+", " ");
        return flat.length() <= NAME_LENGTH ? flat : flat.substring(0, NAME_LENGTH) + "...";
    }
}
