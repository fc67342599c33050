package io.lyss.query.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventCatalogue;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.ConversationDeleted;
import io.lyss.events.conversation.ConversationRenamed;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.MessageFeedbackGiven;
import io.lyss.events.conversation.TurnCompleted;
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

/** The conversation read model against the real PostgreSQL: what Dify's conversation API reads. */
class ConversationProjectionIT {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;

    private final String workspace = "ws_" + UUID.randomUUID().toString().replace("-", "");
    private final CheckpointStore checkpoints = new CheckpointStore(jdbc);
    private final ConversationProjection projection = new ConversationProjection(
            "conversations-it-" + UUID.randomUUID(),
            jdbc,
            transactions,
            checkpoints,
            io.lyss.security.personal.ConversationContents.plainOnly());
    private final ConversationReader reader = new ConversationReader(jdbc);

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
    void conversationsAreNamedRenamedRatedPagedAndDeletedAndARedeliveryChangesNothing() {
        List<ProjectedEvent> log = List.of(
                event(new ConversationStarted("c1", workspace, "key_1", "dify"), 0),
                event(turn("c1", "m1", "What is the weather like in Lyon today, please?", "alice"), 1),
                event(turn("c1", "m2", "And tomorrow?", "alice"), 2),
                event(new ConversationStarted("c2", workspace, "key_1", "dify"), 3),
                event(turn("c2", "m3", "Hello", "bob"), 4),
                event(new ConversationStarted("c3", workspace, "key_2", "dify"), 5),
                event(new ConversationRenamed("c1", workspace, "Weather"), 6),
                event(new MessageFeedbackGiven("c1", "m1", workspace, "like", "useful", "alice"), 7));

        projection.apply(log, Map.of(0, 8L));
        projection.apply(log, Map.of(0, 8L));

        assertThat(reader.conversation(workspace, "key_1", "c1")).hasValueSatisfying(c1 -> {
            assertThat(c1.name()).isEqualTo("Weather");
            assertThat(c1.endUserId()).isEqualTo("alice");
        });
        assertThat(reader.conversation(workspace, "key_1", "c2").orElseThrow().name())
                .isEqualTo("Hello");
        assertThat(reader.conversation(workspace, "key_1", "c3"))
                .as("another key's")
                .isEmpty();
        assertThat(reader.messagesBefore(workspace, "c1", null, 10))
                .extracting(MessageView::id, MessageView::rating)
                .containsExactly(tuple("m2", null), tuple("m1", "like"));
        assertThat(reader.messagesBefore(workspace, "c1", "m2", 10))
                .extracting(MessageView::id)
                .containsExactly("m1");
        assertThat(reader.conversations(workspace, "key_1", null, null, ConversationOrder.UPDATED_DESC, 10))
                .extracting(ConversationView::id)
                .containsExactly("c1", "c2");
        assertThat(reader.conversations(workspace, "key_1", "bob", null, ConversationOrder.UPDATED_DESC, 10))
                .extracting(ConversationView::id)
                .containsExactly("c2");
        assertThat(reader.conversations(workspace, "key_1", null, "c1", ConversationOrder.UPDATED_DESC, 10))
                .extracting(ConversationView::id)
                .containsExactly("c2");
        assertThat(reader.message(workspace, "key_1", "m3").orElseThrow().conversationId())
                .isEqualTo("c2");

        projection.apply(List.of(event(new ConversationDeleted("c1", workspace), 8)), Map.of(0, 9L));

        assertThat(reader.conversation(workspace, "key_1", "c1")).isEmpty();
        assertThat(reader.message(workspace, "key_1", "m1")).isEmpty();
        assertThat(reader.conversations(workspace, "key_1", null, null, ConversationOrder.CREATED_ASC, 10))
                .extracting(ConversationView::id)
                .containsExactly("c2");
        assertThat(checkpoints.load(projection.name())).containsExactly(Map.entry(0, 9L));
    }

    private TurnCompleted turn(String conversation, String turnId, String question, String user) {
        return new TurnCompleted(
                conversation,
                turnId,
                workspace,
                "key_1",
                "m",
                "ch_1",
                question,
                "answer to " + question,
                "stop",
                5,
                1,
                user);
    }

    /** The event's id is derived from the workspace and offset, so a redelivery carries the same id. */
    private ProjectedEvent event(LyssEvent payload, int offset) {
        var envelope = new EventEnvelope(
                workspace + "-" + offset,
                EventCatalogue.nameOf(payload.getClass()),
                1,
                T0.plusSeconds(offset),
                payload.workspaceId(),
                "SYSTEM:test",
                "test",
                "c1",
                offset,
                offset,
                JSON.valueToTree(payload));
        return new ProjectedEvent(envelope, payload);
    }
}
