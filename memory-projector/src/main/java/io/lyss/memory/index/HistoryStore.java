package io.lyss.memory.index;

import io.lyss.events.memory.EncryptedContent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The memory events as recorded, content still encrypted, for the history API: history comes from the events,
 * and erasing the user's data key makes it unreadable here as in the log.
 */
public final class HistoryStore {

    /** One recorded change of a memory. */
    public record Entry(
            String eventId,
            String memoryId,
            String workspaceId,
            String userId,
            String event,
            EncryptedContent content,
            String sourceTurnId,
            String extractor,
            Instant occurredAt) {}

    private final JdbcTemplate jdbc;

    public HistoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Entry entry, long sequence) {
        EncryptedContent content = entry.content();
        jdbc.update(
                """
                INSERT INTO lyss_memory.memory_history (event_id, memory_id, workspace_id, user_id, event,
                    data_key_id, nonce, ciphertext, source_turn_id, extractor, occurred_at, sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
                """,
                entry.eventId(),
                entry.memoryId(),
                entry.workspaceId(),
                entry.userId(),
                entry.event(),
                content == null ? null : content.dataKeyId(),
                content == null ? null : content.nonce(),
                content == null ? null : content.ciphertext(),
                entry.sourceTurnId(),
                entry.extractor(),
                Timestamp.from(entry.occurredAt()),
                sequence);
    }

    /** A memory's changes, oldest first. */
    public List<Entry> of(String memoryId) {
        return jdbc.query(
                """
                SELECT event_id, memory_id, workspace_id, user_id, event, data_key_id, nonce, ciphertext,
                       source_turn_id, extractor, occurred_at
                FROM lyss_memory.memory_history WHERE memory_id = ? ORDER BY sequence
                """,
                (row, n) -> new Entry(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6) == null
                                ? null
                                : new EncryptedContent(row.getString(6), row.getString(7), row.getString(8)),
                        row.getString(9),
                        row.getString(10),
                        row.getTimestamp(11).toInstant()),
                memoryId);
    }

    /** Drops a forgotten user's history and remembers when they were forgotten. */
    public void forget(String workspaceId, String userId, Instant at) {
        jdbc.update(
                "DELETE FROM lyss_memory.memory_history WHERE workspace_id = ? AND user_id = ?", workspaceId, userId);
        jdbc.update(
                """
                INSERT INTO lyss_memory.forgotten_user (workspace_id, user_id, forgotten_at) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET forgotten_at = EXCLUDED.forgotten_at
                """,
                workspaceId,
                userId,
                Timestamp.from(at));
    }

    /** When the user was last forgotten, if ever: turns before it are not mined again. */
    public java.util.Optional<Instant> forgottenAt(String workspaceId, String userId) {
        return jdbc
                .query(
                        "SELECT forgotten_at FROM lyss_memory.forgotten_user WHERE workspace_id = ? AND user_id = ?",
                        (row, n) -> row.getTimestamp(1).toInstant(),
                        workspaceId,
                        userId)
                .stream()
                .findFirst();
    }
}
