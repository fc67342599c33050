package io.lyss.query.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.events.EventEnvelope;
import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.RequestRejected;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.query.projection.BoundedReplay;
import io.lyss.query.projection.DeadLetters;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.projection.Projection;
import io.lyss.query.projection.RecordDecoder;
import io.lyss.query.readmodel.ProcessedIds;
import io.lyss.query.readmodel.SqlSchema;
import io.lyss.query.support.TopicPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild path of the usage read model (in-memory de-duplication and folding, large flushes) against the real
 * Kafka and PostgreSQL: it counts every event once though the topic holds many twice, equals what the live
 * projection builds from the same records, and an interrupted rebuild resumed from its last flush ends the same.
 */
class UsageRebuildIT {

    private static final String TOPIC = "lyss.it.rebuild." + UUID.randomUUID();
    private static final int TURNS = 1_500;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static BoundedReplay replay;
    private static DeadLetters deadLetters;
    private static long distinctSpends;
    private static final List<SqlSchema> schemas = new ArrayList<>();

    @BeforeAll
    static void publishALogWithDuplicates() {
        LocalInfrastructure infra = LocalInfrastructure.discover();
        var dataSource =
                new DriverManagerDataSource(infra.postgresUrl(), infra.postgresUser(), infra.postgresPassword());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        org.flywaydb.core.Flyway.configure()
                .dataSource(dataSource)
                .schemas("lyss_query")
                .locations("classpath:db/query")
                .load()
                .migrate();
        deadLetters = new DeadLetters(jdbc);
        replay = new BoundedReplay(infra.kafkaBootstrapServers(), TOPIC);
        List<EventEnvelope> log = new ArrayList<>();
        List<EventEnvelope> redelivered = new ArrayList<>();
        Random random = new Random(7);
        String workspace = "ws_rebuild_" + UUID.randomUUID().toString().substring(0, 8);
        for (int k = 0; k < 5; k++) {
            log.add(TopicPublisher.envelope(
                    new ApiKeyIssued("key_" + k, workspace, "k", "h", "lys_", List.of(), "owner_" + k), "key_" + k));
        }
        for (int i = 0; i < TURNS; i++) {
            String conversation = "conv_" + random.nextInt(200);
            String turn = UUID.randomUUID().toString();
            String key = "key_" + random.nextInt(5);
            Instant at = Instant.parse("2026-10-01T00:00:00Z").plusSeconds(random.nextInt(5 * 86_400));
            String endUser = random.nextInt(4) == 0 ? null : "user_" + random.nextInt(30);
            String finish = random.nextInt(10) == 0 ? "error" : "stop";
            log.add(envelope(
                    new TurnCompleted(
                            conversation, turn, workspace, key, "m1", "ch_1", "q", "a", finish, 5, 1, endUser),
                    conversation,
                    at));
            log.add(envelope(
                    new TokensSpent(
                            turn,
                            workspace,
                            key,
                            "m1",
                            "ch_1",
                            10 + i,
                            i % 7,
                            i % 3,
                            100 + i,
                            "v" + (i % 2),
                            SpendReason.CHAT,
                            i % 11 == 0),
                    conversation,
                    at));
            distinctSpends++;
            if (i % 9 == 0) {
                log.add(envelope(
                        new CacheHit(turn + "-c", workspace, key, "m1", "exact", turn, 1.0, 7, 3, 11, "v1"),
                        conversation,
                        at));
            }
            if (i % 13 == 0) {
                log.add(envelope(new RequestRejected(turn + "-r", workspace, key, "m1", 429, "rate", "r"), key, at));
            }
            if (random.nextInt(6) == 0) { // re-delivered at once, or much later (after several flushes)
                EventEnvelope again = log.get(log.size() - 1 - random.nextInt(2));
                if (random.nextBoolean()) {
                    log.add(again);
                } else {
                    redelivered.add(again);
                }
            }
        }
        log.addAll(redelivered);
        try (TopicPublisher publisher = new TopicPublisher(infra.kafkaBootstrapServers(), TOPIC)) {
            publisher.publishMany(log);
        }
    }

    @AfterAll
    static void dropSchemas() {
        schemas.forEach(SqlSchema::drop);
    }

    @Test
    void aRebuildCountsEachEventOnceAndEqualsTheLiveProjectionEvenWhenInterruptedAndResumed() {
        SqlSchema live = schema("live");
        live.create();
        replay.feed(new UsageProjection(live, 1_000_000), deadLetters, Map.of(), replay.endOffsets());

        SqlSchema rebuilt = schema("bulk");
        rebuilt.createUnlogged();
        replay.feed(
                new InChunks(new UsageBulkProjection(rebuilt, 700), -1), deadLetters, Map.of(), replay.endOffsets());
        new ProcessedIds(rebuilt).restoreIndexes();

        SqlSchema resumed = schema("resumed");
        resumed.createUnlogged();
        Projection interrupted = new InChunks(new UsageBulkProjection(resumed, 700), 2);
        assertThatThrownBy(() -> replay.feed(interrupted, deadLetters, Map.of(), replay.endOffsets()))
                .hasMessageContaining("interrupted");
        Map<Integer, Long> reachedBeforeTheStop = resumed.checkpoint();
        assertThat(reachedBeforeTheStop)
                .as("some flushes committed before the stop")
                .isNotEmpty();
        long countedBeforeTheStop = requests(resumed);
        assertThat(countedBeforeTheStop).isPositive().isLessThan(distinctSpends);
        replay.feed(
                new InChunks(new UsageBulkProjection(resumed, 700), -1),
                deadLetters,
                reachedBeforeTheStop,
                replay.endOffsets());
        new ProcessedIds(resumed).restoreIndexes();

        assertThat(requests(live)).as("every spend once, re-deliveries ignored").isEqualTo(distinctSpends);
        assertThat(rebuilt.checksums()).isEqualTo(live.checksums());
        assertThat(resumed.checksums()).isEqualTo(live.checksums());
        assertThat(resumed.differencesFrom(live, 5)).isEmpty();
        assertThat(resumed.processedCount()).isEqualTo(live.processedCount());
    }

    @Test
    void aShadowLeftByAnInterruptedRebuildIsTakenUpWhereItStoppedAndADiscardedOneStartsAfresh() {
        SqlSchema live = schema("kept");
        live.create();
        schemas.add(live.shadow());
        var model = new io.lyss.query.replay.SqlReadModel(live, shadow -> new UsageBulkProjection(shadow, 10), null);
        var first = model.prepareShadow();
        String workspace = "ws_kept";
        TokensSpent spent = new TokensSpent("t1", workspace, "k", "m", "c", 1, 1, 0, 1, "v1", SpendReason.CHAT, false);
        first.projection()
                .apply(
                        List.of(new ProjectedEvent(TopicPublisher.envelope(spent, "conv"), spent, 0, 41)),
                        Map.of(0, 42L));
        first.projection().flush();

        var resumed = model.prepareShadow();
        assertThat(resumed.projection().checkpoint()).containsExactly(Map.entry(0, 42L));
        assertThat(resumed.checksums()).isEqualTo(first.checksums());

        resumed.discard();
        assertThat(model.prepareShadow().projection().checkpoint()).isEmpty();
    }

    private static SqlSchema schema(String kind) {
        SqlSchema schema = UsageProjection.schema(
                jdbc,
                transactions,
                "it_rebuild_" + kind + "_" + UUID.randomUUID().toString().substring(0, 6));
        schemas.add(schema);
        return schema;
    }

    private static long requests(SqlSchema schema) {
        Long sum = jdbc.queryForObject("SELECT sum(requests) FROM " + schema.table("usage_daily"), Long.class);
        return sum == null ? 0 : sum;
    }

    private static EventEnvelope envelope(LyssEvent event, String aggregateId, Instant at) {
        return TopicPublisher.envelope(event, aggregateId, "SYSTEM:test", at);
    }

    /**
     * Hands a projection each polled batch in chunks of 100 events (as smaller polls would), so flushes fall between
     * chunks; optionally dies one chunk after a number of flushes, losing what was folded since the last one, as in a
     * crash.
     */
    private static final class InChunks implements Projection {
        private final UsageBulkProjection delegate;
        private final int stopAfterFlushes;
        private int flushes;

        InChunks(UsageBulkProjection delegate, int stopAfterFlushes) {
            this.delegate = delegate;
            this.stopAfterFlushes = stopAfterFlushes;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public boolean handles(String eventType) {
            return delegate.handles(eventType);
        }

        @Override
        public RecordDecoder decoder() {
            return delegate.decoder();
        }

        @Override
        public Map<Integer, Long> checkpoint() {
            return delegate.checkpoint();
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
            for (int from = 0; from < events.size(); from += 100) {
                List<ProjectedEvent> chunk = events.subList(from, Math.min(events.size(), from + 100));
                Map<Integer, Long> reached = new java.util.HashMap<>();
                chunk.forEach(e -> reached.put(e.partition(), e.offset() + 1));
                Map<Integer, Long> before = delegate.checkpoint();
                delegate.apply(chunk, reached);
                if (flushes == stopAfterFlushes) {
                    throw new org.springframework.dao.TransientDataAccessResourceException("interrupted");
                }
                if (!delegate.checkpoint().equals(before)) {
                    flushes++;
                }
            }
            delegate.apply(List.of(), nextOffsets);
        }
    }
}
