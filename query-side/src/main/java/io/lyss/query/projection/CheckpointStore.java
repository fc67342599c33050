package io.lyss.query.projection;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checkpoints of projections whose read model lives outside PostgreSQL (Elasticsearch): next offset per partition,
 * under a name. PostgreSQL read models keep their checkpoint inside their own schema instead (see
 * {@code io.lyss.query.readmodel.SqlSchema}), so it commits with their rows.
 */
public final class CheckpointStore {

    private final JdbcTemplate jdbc;

    public CheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Integer, Long> load(String name) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.query(
                "SELECT partition_id, next_offset FROM lyss_query.projection_checkpoint WHERE projection = ?",
                row -> {
                    offsets.put(row.getInt(1), row.getLong(2));
                },
                name);
        return offsets;
    }

    public void save(String name, Map<Integer, Long> nextOffsets) {
        nextOffsets.forEach((partition, offset) -> jdbc.update(
                """
                INSERT INTO lyss_query.projection_checkpoint (projection, partition_id, next_offset)
                VALUES (?, ?, ?)
                ON CONFLICT (projection, partition_id) DO UPDATE SET next_offset = EXCLUDED.next_offset
                """,
                name,
                partition,
                offset));
    }

    public void delete(String name) {
        jdbc.update("DELETE FROM lyss_query.projection_checkpoint WHERE projection = ?", name);
    }
}
