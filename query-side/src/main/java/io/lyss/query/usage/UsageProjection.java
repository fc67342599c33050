package io.lyss.query.usage;

import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.projection.Projection;
import io.lyss.query.readmodel.SqlSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Usage, cache savings and key owners in PostgreSQL. Each batch is folded in memory, then its de-duplication marks,
 * its sums and its checkpoint commit in one transaction: an event counts exactly once, however often it arrives.
 */
public final class UsageProjection implements Projection {

    public static final String NAME = "usage";
    public static final String SCHEMA = "lyss_rm_usage";
    private static final int PRUNE_EVERY_BATCHES = 50;

    private final SqlSchema schema;
    private final UsageWriter writer;
    private final long dedupWindow;
    private final Map<Integer, Long> newestByPartition = new java.util.concurrent.ConcurrentHashMap<>();
    private long batches;
    private final UsageRecordDecoder decoder = new UsageRecordDecoder();

    /**
     * @param dedupWindow how many offsets behind the newest event of its partition the id of an applied event is kept
     *     (offsets, not global positions: they grow by one per record on every partition, whoever published it)
     */
    public UsageProjection(SqlSchema schema, long dedupWindow) {
        this.schema = schema;
        this.writer = new UsageWriter(schema);
        this.dedupWindow = dedupWindow;
    }

    /** The schema layout of the usage read model under a schema name. */
    public static SqlSchema schema(
            org.springframework.jdbc.core.JdbcTemplate jdbc,
            org.springframework.transaction.support.TransactionTemplate transactions,
            String name) {
        return new SqlSchema(
                jdbc,
                transactions,
                name,
                "/io/lyss/query/usage/usage.sql",
                List.of("usage_daily", "cache_savings_daily", "key_owner"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(String eventType) {
        return UsageFold.reads(eventType);
    }

    @Override
    public io.lyss.query.projection.RecordDecoder decoder() {
        return decoder;
    }

    @Override
    public Map<Integer, Long> checkpoint() {
        return schema.checkpoint();
    }

    @Override
    public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
        schema.transactions().executeWithoutResult(status -> {
            schema.relaxCommit();
            Set<String> fresh = schema.firstDeliveries(events);
            List<ProjectedEvent> firstTime = new ArrayList<>(fresh.size());
            for (ProjectedEvent event : events) {
                if (fresh.remove(event.envelope().eventId())) {
                    firstTime.add(event);
                    newestByPartition.merge(event.partition(), event.offset(), Math::max);
                }
            }
            if (!firstTime.isEmpty()) {
                Map<String, String> earlier = new HashMap<>(writer.endUsersOf(firstTime));
                UsageFold fold = new UsageFold(earlier::remove); // the turn's first spend takes its end user
                firstTime.forEach(fold::add);
                writer.write(fold);
            }
            schema.saveCheckpoint(nextOffsets);
            if (!firstTime.isEmpty() && ++batches % PRUNE_EVERY_BATCHES == 0) {
                newestByPartition.forEach((partition, newest) -> {
                    schema.forgetProcessedBefore(partition, newest - dedupWindow);
                    writer.forgetEndUsersBefore(partition, newest - dedupWindow);
                });
            }
        });
    }
}
