package io.lyss.command.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.EventJson;
import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.WorkspaceCreated;
import io.lyss.infra.LocalInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The access views' start reads the governance events alone, from the real PostgreSQL, through their index. */
class GovernanceHistoryIT {

    private static final LocalInfrastructure INFRA = LocalInfrastructure.discover();

    private final String schema =
            "lyss_test_history_" + UUID.randomUUID().toString().substring(0, 8);
    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource(INFRA.postgresUrl(), INFRA.postgresUser(), INFRA.postgresPassword());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final Serializer storedWith =
            JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    private GovernanceHistory history;

    @BeforeEach
    void schema() {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/command")
                .load()
                .migrate();
        history = new GovernanceHistory(
                dataSource, schema + ".domain_event_entry", storedWith, NoOpEventUpcaster.INSTANCE);
    }

    @AfterEach
    void dropSchema() {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void replaysTheGovernanceEventsInStoredOrderAndNothingElse() {
        store("ws_1", 0, new WorkspaceCreated("ws_1", "Research"));
        store("key_1", 0, new ApiKeyIssued("key_1", "ws_1", "ci", "hash", "lys_ab", List.of(), "u_owner"));
        store("conv_1", 0, turn());
        store("key_1", 1, new ApiKeyRevoked("key_1", "ws_1"));

        List<LyssEvent> replayed = new ArrayList<>();
        long count = history.replay(replayed::add);

        assertThat(count).isEqualTo(3);
        assertThat(replayed)
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly("WorkspaceCreated", "ApiKeyIssued", "ApiKeyRevoked");
        assertThat(((ApiKeyIssued) replayed.get(1)).keyId()).isEqualTo("key_1");
    }

    @Test
    void theQueryCanUseThePartialIndexSoTurnsAreNeverRead() {
        String plan = String.join("\n", jdbc.execute((java.sql.Connection connection) -> {
            try (var statement = connection.createStatement()) {
                statement.execute("SET enable_seqscan = off");
                List<String> lines = new ArrayList<>();
                try (var rows = statement.executeQuery("EXPLAIN SELECT global_index FROM " + schema
                        + ".domain_event_entry WHERE payload_type LIKE 'io.lyss.events.governance.%'"
                        + " ORDER BY global_index")) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return lines;
            }
        }));

        assertThat(plan).contains("domain_event_governance");
    }

    private void store(String aggregateId, long sequence, LyssEvent event) {
        jdbc.update(
                "INSERT INTO " + schema + ".domain_event_entry (event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                UUID.randomUUID().toString(),
                aggregateId,
                sequence,
                event.getClass().getSimpleName(),
                Instant.now().toString(),
                event.getClass().getName(),
                storedWith.serialize(event, byte[].class).getData(),
                storedWith.serialize(MetaData.emptyInstance(), byte[].class).getData());
    }

    private static TurnCompleted turn() {
        return new TurnCompleted("conv_1", "turn_1", "ws_1", "key_1", "m", "ch_1", "q", "a", "stop", 1, 1, null, null);
    }
}
