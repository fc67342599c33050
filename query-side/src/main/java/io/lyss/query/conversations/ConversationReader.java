package io.lyss.query.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads conversations and messages, always within one workspace and key, never showing deleted ones. */
@Component
class ConversationReader {

    private static final String CONVERSATION_COLUMNS = "conversation_id, key_id, api, end_user_id, name, "
            + "extract(epoch FROM created_at)::bigint AS created, extract(epoch FROM updated_at)::bigint AS updated";
    private static final String MESSAGE_COLUMNS =
            "m.message_id, m.conversation_id, m.question, m.answer, m.model, m.finish_reason, m.end_user_id, "
                    + "m.rating, m.feedback_content, extract(epoch FROM m.created_at)::bigint AS created, m.seq";

    private final JdbcTemplate jdbc;

    ConversationReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ConversationView> conversation(String workspaceId, String keyId, String conversationId) {
        return jdbc
                .query(
                        "SELECT " + CONVERSATION_COLUMNS + " FROM lyss_query.conversation"
                                + " WHERE workspace_id = ? AND key_id = ? AND conversation_id = ? AND NOT deleted",
                        ConversationReader::conversation,
                        workspaceId,
                        keyId,
                        conversationId)
                .stream()
                .findFirst();
    }

    /**
     * A page of conversations, most recently updated first (or by {@code sortBy}), after {@code lastId} when given.
     * One more row than asked is read to tell whether more follow.
     */
    List<ConversationView> conversations(
            String workspaceId, String keyId, String endUserId, String lastId, ConversationOrder order, int limit) {
        String column = order.column();
        String comparison = order.descending() ? "<" : ">";
        String direction = order.descending() ? "DESC" : "ASC";
        String after = lastId == null
                ? ""
                : " AND (" + column + ", conversation_id) " + comparison + " (SELECT " + column + ", conversation_id"
                        + " FROM lyss_query.conversation WHERE workspace_id = ? AND conversation_id = ?)";
        String sql = "SELECT " + CONVERSATION_COLUMNS + " FROM lyss_query.conversation"
                + " WHERE workspace_id = ? AND key_id = ? AND NOT deleted"
                + (endUserId == null ? "" : " AND end_user_id = ?") + after
                + " ORDER BY " + column + " " + direction + ", conversation_id " + direction + " LIMIT ?";
        var arguments = new ArrayList<Object>(List.of(workspaceId, keyId));
        if (endUserId != null) {
            arguments.add(endUserId);
        }
        if (lastId != null) {
            arguments.add(workspaceId);
            arguments.add(lastId);
        }
        arguments.add(limit + 1);
        return jdbc.query(sql, ConversationReader::conversation, arguments.toArray());
    }

    /** The messages before {@code firstId} (all when null), newest first, at most {@code limit + 1}. */
    List<MessageView> messagesBefore(String workspaceId, String conversationId, String firstId, int limit) {
        String before = firstId == null
                ? ""
                : " AND m.seq < (SELECT seq FROM lyss_query.conversation_message WHERE workspace_id = ? AND message_id = ?)";
        String sql = "SELECT " + MESSAGE_COLUMNS + " FROM lyss_query.conversation_message m"
                + " WHERE m.workspace_id = ? AND m.conversation_id = ?" + before + " ORDER BY m.seq DESC LIMIT ?";
        Object[] arguments = firstId == null
                ? new Object[] {workspaceId, conversationId, limit + 1}
                : new Object[] {workspaceId, conversationId, workspaceId, firstId, limit + 1};
        return jdbc.query(sql, ConversationReader::message, arguments);
    }

    Optional<MessageView> message(String workspaceId, String keyId, String messageId) {
        return jdbc
                .query(
                        "SELECT " + MESSAGE_COLUMNS
                                + " FROM lyss_query.conversation_message m JOIN lyss_query.conversation c"
                                + " ON c.workspace_id = m.workspace_id AND c.conversation_id = m.conversation_id"
                                + " WHERE m.workspace_id = ? AND c.key_id = ? AND m.message_id = ? AND NOT c.deleted",
                        ConversationReader::message,
                        workspaceId,
                        keyId,
                        messageId)
                .stream()
                .findFirst();
    }

    private static ConversationView conversation(ResultSet row, int index) throws SQLException {
        return new ConversationView(
                row.getString("conversation_id"),
                row.getString("key_id"),
                row.getString("api"),
                row.getString("end_user_id"),
                row.getString("name"),
                row.getLong("created"),
                row.getLong("updated"));
    }

    private static MessageView message(ResultSet row, int index) throws SQLException {
        return new MessageView(
                row.getString("message_id"),
                row.getString("conversation_id"),
                row.getString("question"),
                row.getString("answer"),
                row.getString("model"),
                row.getString("finish_reason"),
                row.getString("end_user_id"),
                row.getString("rating"),
                row.getString("feedback_content"),
                row.getLong("created"));
    }
}
