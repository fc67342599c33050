package io.lyss.command.access;

import io.lyss.events.LyssEvent;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The governance events of the store (workspaces, users, roles, keys, channels, aliases...), in the order they were
 * stored, read through the partial index on their payload type (migration V9) and deserialised as Axon reads events
 * (same serializer, same upcasters). The access views need nothing else, so a start reads these, not every turn
 * and spend ever recorded (ADR 0043).
 */
final class GovernanceHistory {

    private static final String GOVERNANCE_TYPES = "io.lyss.events.governance.%";

    private final JdbcTemplate jdbc;
    private final String table;
    private final Serializer storedWith;
    private final EventUpcaster upcasters;

    /** @param table the event table, schema included ({@code lyss_command.domain_event_entry}) */
    GovernanceHistory(DataSource dataSource, String table, Serializer storedWith, EventUpcaster upcasters) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.table = table;
        this.storedWith = storedWith;
        this.upcasters = upcasters;
    }

    /** Hands each governance event to {@code each}, oldest first; how many there were. */
    long replay(Consumer<LyssEvent> each) {
        List<TrackedEventData<byte[]>> rows = jdbc.query(
                "SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,"
                        + " payload_type, payload_revision, payload, meta_data FROM " + table
                        + " WHERE payload_type LIKE ? ORDER BY global_index",
                (row, number) -> new TrackedDomainEventData<>(
                        new GlobalSequenceTrackingToken(row.getLong("global_index")),
                        new GenericDomainEventEntry<>(
                                row.getString("type"),
                                row.getString("aggregate_identifier"),
                                row.getLong("sequence_number"),
                                row.getString("event_identifier"),
                                row.getString("time_stamp"),
                                row.getString("payload_type"),
                                row.getString("payload_revision"),
                                row.getBytes("payload"),
                                row.getBytes("meta_data"))),
                GOVERNANCE_TYPES);
        EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), storedWith, upcasters)
                .map(message -> (LyssEvent) message.getPayload())
                .forEach(each);
        return rows.size();
    }
}
