package io.lyss.query.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Events a projection could not apply, parked in {@code lyss_query.dead_letter} so the projection can go on. Parking
 * the same event twice (a crash between parking and checkpointing) keeps one row.
 */
public final class DeadLetters {

    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcTemplate jdbc;

    public DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A parked event. {@code record} is the Kafka record value as received (an event envelope, or garbage). */
    public record DeadLetter(
            long id,
            String projection,
            String eventId,
            String eventType,
            int partition,
            long offset,
            String record,
            String error,
            int attempts,
            Instant parkedAt,
            Instant lastAttemptAt) {}

    void park(
            String projection,
            String eventId,
            String eventType,
            int partition,
            long offset,
            byte[] record,
            Throwable error) {
        jdbc.update(
                """
                INSERT INTO lyss_query.dead_letter (projection, event_id, event_type, partition_id, kafka_offset, record, error)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (projection, event_id) DO NOTHING
                """,
                projection,
                eventId,
                eventType,
                partition,
                offset,
                new String(record, StandardCharsets.UTF_8),
                describe(error));
    }

    public List<DeadLetter> list(String projection) {
        return jdbc.query("SELECT * FROM lyss_query.dead_letter WHERE projection = ? ORDER BY id", ROW, projection);
    }

    public Optional<DeadLetter> find(String projection, long id) {
        return jdbc
                .query("SELECT * FROM lyss_query.dead_letter WHERE projection = ? AND id = ?", ROW, projection, id)
                .stream()
                .findFirst();
    }

    public long count(String projection) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM lyss_query.dead_letter WHERE projection = ?", Long.class, projection);
        return count == null ? 0 : count;
    }

    /** Applies a parked event to its projection again; removes it on success, records the new failure otherwise. */
    public RetryOutcome retry(Projection projection, DeadLetter letter) {
        try {
            io.lyss.events.EventReader reader = new io.lyss.events.EventReader();
            io.lyss.events.EventEnvelope envelope =
                    reader.envelope(letter.record().getBytes(StandardCharsets.UTF_8));
            ProjectedEvent event =
                    new ProjectedEvent(envelope, reader.payload(envelope).orElse(null));
            projection.apply(List.of(event), java.util.Map.of());
            resolve(letter.id());
            return new RetryOutcome(true, null);
        } catch (RuntimeException e) {
            if (StoreFailures.isTransient(e)) {
                throw e;
            }
            failedAgain(letter.id(), e);
            return new RetryOutcome(false, describe(e));
        }
    }

    /** How a retry went; {@code error} says why it failed again. */
    public record RetryOutcome(boolean applied, String error) {}

    void resolve(long id) {
        jdbc.update("DELETE FROM lyss_query.dead_letter WHERE id = ?", id);
    }

    void failedAgain(long id, Throwable error) {
        jdbc.update(
                "UPDATE lyss_query.dead_letter SET attempts = attempts + 1, error = ?, last_attempt_at = now() WHERE id = ?",
                describe(error),
                id);
    }

    /** The failure's class and message, cut short; event payloads hold no secrets, so neither does this. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error.getClass().getSimpleName() + ": " + error.getMessage()
                + (root == error ? "" : " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    private static final RowMapper<DeadLetter> ROW = (row, i) -> new DeadLetter(
            row.getLong("id"),
            row.getString("projection"),
            row.getString("event_id"),
            row.getString("event_type"),
            row.getInt("partition_id"),
            row.getLong("kafka_offset"),
            row.getString("record"),
            row.getString("error"),
            row.getInt("attempts"),
            instant(row.getTimestamp("parked_at")),
            instant(row.getTimestamp("last_attempt_at")));

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
