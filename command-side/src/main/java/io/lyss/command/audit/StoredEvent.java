package io.lyss.command.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of the event store exactly as stored: the bytes the audit chain covers. */
record StoredEvent(
        long globalIndex,
        String eventId,
        String aggregateId,
        long sequenceNumber,
        String payloadType,
        String payloadRevision,
        String timestamp,
        byte[] payload,
        byte[] metaData) {

    static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, payload_type,"
            + " payload_revision, time_stamp, payload, meta_data";

    static StoredEvent from(ResultSet row) throws SQLException {
        return new StoredEvent(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                row.getLong(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getBytes(8),
                row.getBytes(9));
    }
}
