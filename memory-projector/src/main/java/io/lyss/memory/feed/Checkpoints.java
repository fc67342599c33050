package io.lyss.memory.feed;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Checkpoints of the memory projector's projections, in its own schema. */
public final class Checkpoints {

    private final JdbcTemplate jdbc;

    public Checkpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Integer, Long> load(String projection) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.query(
                "SELECT partition_id, next_offset FROM lyss_memory.projection_checkpoint WHERE projection = ?",
                row -> {
                    offsets.put(row.getInt(1), row.getLong(2));
                },
                projection);
        return offsets;
    }

    public void save(String projection, Map<Integer, Long> nextOffsets) {
        nextOffsets.forEach((partition, offset) -> jdbc.update(
                """
                INSERT INTO lyss_memory.projection_checkpoint (projection, partition_id, next_offset)
                VALUES (?, ?, ?)
                ON CONFLICT (projection, partition_id) DO UPDATE SET next_offset = EXCLUDED.next_offset
                """,
                projection,
                partition,
                offset));
    }

    /** Drops a projection's checkpoint, so that it replays the log from the beginning. */
    public void reset(String projection) {
        jdbc.update("DELETE FROM lyss_memory.projection_checkpoint WHERE projection = ?", projection);
    }
}
