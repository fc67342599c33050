package io.lyss.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyss.events.EventEnvelope;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.query.support.TopicPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A runner over the real topic parks the event its projection fails on, goes on with the next ones, and applies the
 * parked event when it is retried after the cause was fixed. The projection here records what it applied in memory
 * and refuses one conversation until told otherwise: the failure is a decision of the test, the broker and the
 * dead-letter table are real.
 */
class DeadLetterIT {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();
    private static JdbcTemplate jdbc;
    private static DeadLetters deadLetters;

    private final String name = "dlq-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String workspace = "ws_" + UUID.randomUUID().toString().replace("-", "");
    private final RefusingProjection projection = new RefusingProjection(name);
    private final ProjectionRunner runner =
            new ProjectionRunner(projection, INFRA.kafkaBootstrapServers(), Duration.ofMillis(100), deadLetters);

    @BeforeAll
    static void connect() {
        var dataSource =
                new DriverManagerDataSource(INFRA.postgresUrl(), INFRA.postgresUser(), INFRA.postgresPassword());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("lyss_query")
                .locations("classpath:db/query")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        deadLetters = new DeadLetters(jdbc);
    }

    @AfterEach
    void stop() {
        runner.stop();
        jdbc.update("DELETE FROM lyss_query.dead_letter WHERE projection = ?", name);
    }

    @Test
    void aFailingEventIsParkedTheRestAppliedAndARetryAfterTheFixAppliesIt() {
        EventEnvelope first = started("conv_ok_1");
        EventEnvelope refused = started("conv_refused");
        EventEnvelope next = started("conv_ok_2");
        projection.refuse("conv_refused");
        try (TopicPublisher topic = new TopicPublisher(INFRA.kafkaBootstrapServers())) {
            topic.publishAll(List.of(first, refused, next));
        }
        runner.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(projection.applied).contains(first.eventId(), next.eventId());
            assertThat(deadLetters.list(name)).isNotEmpty();
        });
        assertThat(projection.applied).doesNotContain(refused.eventId());
        List<DeadLetters.DeadLetter> parked = deadLetters.list(name);
        assertThat(parked).extracting(DeadLetters.DeadLetter::eventId).containsExactly(refused.eventId());
        DeadLetters.DeadLetter letter = parked.getFirst();
        assertThat(letter.error()).contains("refused conv_refused");
        assertThat(runner.status().eventsApplied()).isGreaterThanOrEqualTo(2);

        DeadLetters.RetryOutcome stillFailing =
                runner.whilePaused(() -> deadLetters.retry(projection, letter)).join();
        assertThat(stillFailing.applied()).isFalse();
        assertThat(deadLetters.find(name, letter.id()).orElseThrow().attempts()).isEqualTo(2);

        projection.refuse("nothing");
        DeadLetters.RetryOutcome fixed =
                runner.whilePaused(() -> deadLetters.retry(projection, letter)).join();
        assertThat(fixed.applied()).isTrue();
        assertThat(projection.applied).contains(refused.eventId());
        assertThat(deadLetters.list(name)).isEmpty();
    }

    private EventEnvelope started(String conversation) {
        return TopicPublisher.envelope(
                new ConversationStarted(conversation, workspace, "key_1", "openai"), conversation);
    }

    /** Applies ConversationStarted events of this test's workspace, refusing one conversation while told to. */
    private final class RefusingProjection implements Projection {
        private final String name;
        private final Set<String> applied = ConcurrentHashMap.newKeySet();
        private final Map<Integer, Long> checkpoint = new ConcurrentHashMap<>();
        private volatile String refused = "";

        RefusingProjection(String name) {
            this.name = name;
        }

        void refuse(String conversation) {
            this.refused = conversation;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean handles(String eventType) {
            return eventType.equals("conversation.ConversationStarted");
        }

        @Override
        public Map<Integer, Long> checkpoint() {
            return Map.copyOf(checkpoint);
        }

        @Override
        public void apply(List<ProjectedEvent> events, Map<Integer, Long> nextOffsets) {
            for (ProjectedEvent event : events) {
                if (event.payload() instanceof ConversationStarted started
                        && started.workspaceId().equals(workspace)) {
                    if (started.conversationId().equals(refused)) {
                        throw new IllegalStateException("refused " + refused);
                    }
                }
            }
            events.forEach(event -> applied.add(event.envelope().eventId()));
            checkpoint.putAll(nextOffsets);
        }
    }
}
