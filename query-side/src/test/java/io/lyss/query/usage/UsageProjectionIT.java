package io.lyss.query.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.events.EventEnvelope;
import io.lyss.events.LyssEvent;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.readmodel.SqlSchema;
import io.lyss.query.support.TopicPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The usage projection against the real PostgreSQL: exactly-once effect under re-delivery and failure, bounded ids. */
class UsageProjectionIT {

    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;

    private final String workspace = "ws_" + UUID.randomUUID().toString().replace("-", "");
    private final SqlSchema schema = UsageProjection.schema(
            jdbc, transactions, "it_usage_" + UUID.randomUUID().toString().substring(0, 8));
    private final UsageProjection projection = create(schema, 1_000_000);
    private long nextOffset;

    @BeforeAll
    static void connect() {
        LocalInfrastructure infra = LocalInfrastructure.discover();
        var dataSource =
                new DriverManagerDataSource(infra.postgresUrl(), infra.postgresUser(), infra.postgresPassword());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void dropSchema() {
        schema.drop();
    }

    @Test
    void anEventDeliveredTwiceCountsOnceEvenInOneBatch() {
        ProjectedEvent spent = event(spent(100, 20, "m"));

        projection.apply(List.of(spent, spent), Map.of(0, 2L));
        projection.apply(List.of(spent), Map.of(0, 3L));

        assertThat(totals()).containsEntry("requests", 1L).containsEntry("prompt_tokens", 100L);
        assertThat(schema.checkpoint()).containsExactly(Map.entry(0, 3L));
    }

    @Test
    void aBatchThatFailsLeavesNeitherRowsNorCheckpointNorDeduplicationMarks() {
        projection.apply(List.of(event(spent(10, 1, "m"))), Map.of(0, 1L));
        ProjectedEvent fine = event(spent(1_000, 1_000, "m"));
        List<ProjectedEvent> poisoned = List.of(fine, event(spent(1, 1, "m".repeat(300))));

        assertThatThrownBy(() -> projection.apply(poisoned, Map.of(0, 3L)))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(totals()).containsEntry("requests", 1L).containsEntry("prompt_tokens", 10L);
        assertThat(schema.checkpoint()).containsExactly(Map.entry(0, 1L));
        projection.apply(List.of(fine), Map.of(0, 3L));
        assertThat(totals())
                .as("the rolled-back event was not marked processed")
                .containsEntry("requests", 2L);
    }

    @Test
    void processedIdsStayBoundedByTheWindowWhileRecentRedeliveriesStillCountOnce() {
        UsageProjection windowed = create(schema, 100);
        List<ProjectedEvent> recent = new ArrayList<>();
        for (int batch = 0; batch < 200; batch++) {
            List<ProjectedEvent> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(event(spent(1, 0, "m")));
            }
            windowed.apply(events, Map.of(0, nextOffset));
            recent = events;
        }
        assertThat(schema.processedCount()).as("ids kept").isLessThanOrEqualTo(100 + 50 * 10);
        windowed.apply(recent.stream().map(this::again).toList(), Map.of(0, nextOffset));
        assertThat(totals()).containsEntry("requests", 2_000L);
    }

    /**
     * The window counts offsets of the partition, not global positions: events published by someone else (another
     * event store, a test publisher) can carry positions far ahead of the relay's, and a window over positions then
     * forgot ids whose re-deliveries were still to come. That made rebuilds count re-published events twice.
     */
    @Test
    void aJumpInGlobalPositionsDoesNotMakeTheWindowForgetRecentIds() {
        UsageProjection windowed = create(schema, 100);
        TokensSpent first = spent(1, 0, "m");
        ProjectedEvent relayed = new ProjectedEvent(
                TopicPublisher.withPosition(TopicPublisher.envelope(first, "conv_1"), 1_000), first, 0, nextOffset++);
        windowed.apply(List.of(relayed), Map.of(0, nextOffset));
        TokensSpent foreign = spent(1, 0, "m");
        EventEnvelope farAhead =
                TopicPublisher.withPosition(TopicPublisher.envelope(foreign, "conv_1"), 10_000_000_000_000_000L);
        windowed.apply(List.of(new ProjectedEvent(farAhead, foreign, 0, nextOffset++)), Map.of(0, nextOffset));
        for (int batch = 0; batch < 60; batch++) { // past the pruning that runs every 50 batches
            windowed.apply(List.of(event(spent(1, 0, "m"))), Map.of(0, nextOffset));
        }

        windowed.apply(List.of(again(relayed)), Map.of(0, nextOffset));

        assertThat(totals()).as("the re-published event counted once").containsEntry("requests", 62L);
    }

    private static UsageProjection create(SqlSchema schema, long window) {
        schema.create();
        return new UsageProjection(schema, window);
    }

    private Map<String, Object> totals() {
        return jdbc.queryForMap(
                "SELECT sum(requests)::bigint AS requests, sum(prompt_tokens)::bigint AS prompt_tokens FROM "
                        + schema.table("usage_daily") + " WHERE workspace_id = ?",
                workspace);
    }

    private TokensSpent spent(long prompt, long completion, String model) {
        return new TokensSpent(
                UUID.randomUUID().toString(),
                workspace,
                "key_1",
                model,
                "ch_1",
                prompt,
                completion,
                0,
                0,
                "v1",
                SpendReason.CHAT,
                false);
    }

    /** The next record of partition 0, as the relay would publish it. */
    private ProjectedEvent event(LyssEvent payload) {
        EventEnvelope envelope = TopicPublisher.envelope(payload, "conv_1");
        return new ProjectedEvent(envelope, payload, 0, nextOffset++);
    }

    /** The same event read again at a later offset (the relay, or a second relay, published it once more). */
    private ProjectedEvent again(ProjectedEvent event) {
        return new ProjectedEvent(event.envelope(), event.payload(), 0, nextOffset++);
    }
}
