package io.lyss.query.projection;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Projection checkpoints and processed event ids in PostgreSQL. Callers use it inside the transaction that
 * writes their read model, so a checkpoint never runs ahead of, or behind, what was applied.
 */
public final class CheckpointStore {

    private final JdbcTemplate jdbc;

    public CheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Integer, Long> load(String projection) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.query(
                "SELECT partition_id, next_offset FROM lyss_query.projection_checkpoint WHERE projection = ?",
                row -> {
                    offsets.put(row.getInt(1), row.getLong(2));
                },
                projection);
        return offsets;
    }

    public void save(String projection, Map<Integer, Long> nextOffsets) {
        nextOffsets.forEach((partition, offset) -> jdbc.update(
                """
                INSERT INTO lyss_query.projection_checkpoint (projection, partition_id, next_offset)
                VALUES (?, ?, ?)
                ON CONFLICT (projection, partition_id) DO UPDATE SET next_offset = EXCLUDED.next_offset
                """,
                projection,
                partition,
                offset));
    }

    /**
     * Marks an event processed by a projection; false when it already was. The relay delivers at least once,
     * so the same event can arrive again under a new offset: this is what keeps it from counting twice.
     */
    public boolean firstDelivery(String projection, String eventId) {
        return jdbc.update(
                        "INSERT INTO lyss_query.processed_event (projection, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        projection,
                        eventId)
                == 1;
    }
}
