package io.lyss.query.usage;

import io.lyss.events.usage.TokensSpent;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.CheckpointedProjection;
import io.lyss.query.projection.ProjectedEvent;
import java.sql.Date;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tokens, requests and cost per workspace, key, model, channel and UTC day, from {@code TokensSpent}. Each
 * batch, its de-duplication marks and its checkpoint commit in one transaction: an event counts exactly once.
 */
public final class UsageProjection extends CheckpointedProjection {

    static final String NAME = "usage";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public UsageProjection(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointStore checkpoints) {
        this(NAME, jdbc, transactions, checkpoints);
    }

    /** A usage projection under another name: its own checkpoint and de-duplication marks (tests, rebuilds). */
    UsageProjection(String name, JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointStore checkpoints) {
        super(name, TokensSpent.class, checkpoints);
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
        transactions.executeWithoutResult(status -> {
            for (ProjectedEvent event : events) {
                if (checkpoints.firstDelivery(name(), event.envelope().eventId())) {
                    add(
                            (TokensSpent) event.payload(),
                            Date.valueOf(event.envelope()
                                    .occurredAt()
                                    .atZone(ZoneOffset.UTC)
                                    .toLocalDate()));
                }
            }
            checkpoints.save(name(), nextOffsets);
        });
    }

    private void add(TokensSpent spent, Date day) {
        jdbc.update(
                """
                INSERT INTO lyss_query.usage_daily AS u (workspace_id, key_id, model, channel_id, day, requests,
                    estimated_requests, prompt_tokens, completion_tokens, cached_tokens, cost_micros)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, key_id, model, channel_id, day) DO UPDATE SET
                    requests = u.requests + 1,
                    estimated_requests = u.estimated_requests + EXCLUDED.estimated_requests,
                    prompt_tokens = u.prompt_tokens + EXCLUDED.prompt_tokens,
                    completion_tokens = u.completion_tokens + EXCLUDED.completion_tokens,
                    cached_tokens = u.cached_tokens + EXCLUDED.cached_tokens,
                    cost_micros = u.cost_micros + EXCLUDED.cost_micros
                """,
                spent.workspaceId(),
                spent.keyId(),
                spent.model(),
                spent.channelId(),
                day,
                spent.estimated() ? 1 : 0,
                spent.promptTokens(),
                spent.completionTokens(),
                spent.cachedTokens(),
                spent.costMicros());
    }
}
