package io.lyss.query.conversations;

import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.TurnCompleted;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes of a batch's common events (conversations started, turns completed), gathered and sent as three JDBC
 * batches instead of three statements per turn. Conversations are inserted first, then messages, then the
 * conversations touched by their turns (in event order), which gives the tables they would have after one
 * statement per event. Whoever writes anything else first calls {@link #flush}, so the order of events holds.
 */
final class ConversationWrites {

    private static final String INSERT_CONVERSATION =
            """
            INSERT INTO lyss_query.conversation (workspace_id, conversation_id, key_id, api, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """;
    private static final String INSERT_MESSAGE =
            """
            INSERT INTO lyss_query.conversation_message (workspace_id, message_id, conversation_id, question,
                answer, model, finish_reason, end_user_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """;
    private static final String TOUCH_CONVERSATION =
            """
            UPDATE lyss_query.conversation
            SET updated_at = ?, end_user_id = coalesce(end_user_id, ?), name = coalesce(name, ?)
            WHERE workspace_id = ? AND conversation_id = ?
            """;

    private final JdbcTemplate jdbc;
    private final List<Object[]> conversations = new ArrayList<>();
    private final List<Object[]> messages = new ArrayList<>();
    private final List<Object[]> touches = new ArrayList<>();

    ConversationWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void started(ConversationStarted started, Timestamp at) {
        conversations.add(
                new Object[] {started.workspaceId(), started.conversationId(), started.keyId(), started.api(), at, at});
    }

    /** A turn opened with its data key: its message, and its conversation's time, user and default name. */
    void completed(TurnCompleted turn, String defaultName, Timestamp at) {
        messages.add(new Object[] {
            turn.workspaceId(),
            turn.turnId(),
            turn.conversationId(),
            turn.question(),
            turn.answer(),
            turn.model(),
            turn.finishReason(),
            turn.endUserId(),
            at
        });
        touches.add(new Object[] {at, turn.endUserId(), defaultName, turn.workspaceId(), turn.conversationId()});
    }

    void flush() {
        send(INSERT_CONVERSATION, conversations);
        send(INSERT_MESSAGE, messages);
        send(TOUCH_CONVERSATION, touches);
    }

    private void send(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
            rows.clear();
        }
    }
}
