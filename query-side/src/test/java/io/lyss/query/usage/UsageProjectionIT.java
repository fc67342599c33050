package io.lyss.query.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.ProjectedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The usage projection against the real PostgreSQL: exactly-once effect under re-delivery and failure. */
class UsageProjectionIT {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;

    private final String workspace = "ws_" + UUID.randomUUID().toString().replace("-", "");
    private final String name = "usage-it-" + UUID.randomUUID();
    private final CheckpointStore checkpoints = new CheckpointStore(jdbc);
    private final UsageProjection projection = new UsageProjection(name, jdbc, transactions, checkpoints);

    @BeforeAll
    static void connect() {
        LocalInfrastructure infra = LocalInfrastructure.discover();
        var dataSource =
                new DriverManagerDataSource(infra.postgresUrl(), infra.postgresUser(), infra.postgresPassword());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("lyss_query")
                .locations("classpath:db/query")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void anEventDeliveredTwiceCountsOnce() {
        ProjectedEvent spent = event(spent(100, 20));

        projection.apply(List.of(spent), Map.of(0, 1L));
        projection.apply(List.of(spent), Map.of(0, 2L));

        assertThat(totals()).containsEntry("requests", 1L).containsEntry("prompt_tokens", 100L);
        assertThat(checkpoints.load(name)).containsExactly(Map.entry(0, 2L));
    }

    @Test
    void aBatchThatFailsLeavesNeitherRowsNorCheckpoint() {
        projection.apply(List.of(event(spent(10, 1))), Map.of(0, 1L));
        List<ProjectedEvent> poisoned = List.of(event(spent(1_000, 1_000)), event(notASpend()));

        assertThatThrownBy(() -> projection.apply(poisoned, Map.of(0, 3L))).isInstanceOf(ClassCastException.class);

        assertThat(totals()).containsEntry("requests", 1L).containsEntry("prompt_tokens", 10L);
        assertThat(checkpoints.load(name)).containsExactly(Map.entry(0, 1L));
    }

    private Map<String, Object> totals() {
        return jdbc.queryForMap(
                "SELECT sum(requests)::bigint AS requests, sum(prompt_tokens)::bigint AS prompt_tokens"
                        + " FROM lyss_query.usage_daily WHERE workspace_id = ?",
                workspace);
    }

    private TokensSpent spent(long prompt, long completion) {
        return new TokensSpent(
                UUID.randomUUID().toString(),
                workspace,
                "key_1",
                "m",
                "ch_1",
                prompt,
                completion,
                0,
                0,
                "v1",
                SpendReason.CHAT,
                false);
    }

    private TurnCompleted notASpend() {
        return new TurnCompleted("conv_1", "turn_1", workspace, "key_1", "m", "ch_1", "q", "a", "stop", 1, 1, null);
    }

    private static ProjectedEvent event(LyssEvent payload) {
        var envelope = new EventEnvelope(
                UUID.randomUUID().toString(),
                "usage.TokensSpent",
                1,
                Instant.now(),
                payload.workspaceId(),
                "SYSTEM:test",
                "test",
                "conv_1",
                0,
                0,
                JSON.valueToTree(payload));
        return new ProjectedEvent(envelope, payload);
    }
}
