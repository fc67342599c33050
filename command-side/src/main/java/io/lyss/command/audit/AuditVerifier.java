package io.lyss.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Recomputes the audit chain from the event store as it is now and compares it with the recorded links. Reports
 * the first event whose stored bytes changed, that disappeared, that appeared inside the chained range or whose
 * position changed. Plain JDBC, so the same check runs in the server and from the command line.
 */
public final class AuditVerifier {

    private static final int PAGE = 1000;

    /** The first thing found wrong. */
    public record Problem(long globalIndex, String eventId, String kind, String detail) {}

    /**
     * The outcome: {@code intact} when every chained event matches; {@code checked} events compared;
     * {@code pending} stored events not chained yet; {@code head} the last recorded link (hex), to compare with a
     * copy kept elsewhere.
     */
    public record Report(boolean intact, long checked, long pending, String head, Problem firstProblem) {}

    private record ChainRow(long globalIndex, String eventId, byte[] link) {}

    public Report verify(Connection connection) throws SQLException {
        var chain = new Pages<>(
                connection,
                "SELECT global_index, event_identifier, link FROM lyss_command.audit_chain"
                        + " WHERE global_index > ? ORDER BY global_index LIMIT " + PAGE,
                row -> new ChainRow(row.getLong(1), row.getString(2), row.getBytes(3)),
                ChainRow::globalIndex);
        var events = new Pages<>(
                connection,
                "SELECT " + StoredEvent.COLUMNS
                        + " FROM lyss_command.domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT "
                        + PAGE,
                StoredEvent::from,
                StoredEvent::globalIndex);
        byte[] link = ChainLink.GENESIS;
        long checked = 0;
        while (chain.peek() != null) {
            ChainRow expected = chain.peek();
            StoredEvent actual = events.peek();
            if (actual == null || actual.globalIndex() > expected.globalIndex()) {
                return failed(
                        checked,
                        link,
                        new Problem(
                                expected.globalIndex(),
                                expected.eventId(),
                                "missing",
                                "the event chained at this position is no longer stored there: deleted or moved"));
            }
            if (actual.globalIndex() < expected.globalIndex()) {
                return failed(
                        checked,
                        link,
                        new Problem(
                                actual.globalIndex(),
                                actual.eventId(),
                                "inserted",
                                "an event is stored at a position the chain skipped: inserted or moved"));
            }
            if (!actual.eventId().equals(expected.eventId())) {
                return failed(
                        checked,
                        link,
                        new Problem(
                                actual.globalIndex(),
                                expected.eventId(),
                                "reordered",
                                "the chain recorded event " + expected.eventId() + " here, but " + actual.eventId()
                                        + " is stored here now"));
            }
            byte[] recomputed = ChainLink.next(link, actual);
            if (!Arrays.equals(recomputed, expected.link())) {
                return failed(
                        checked,
                        link,
                        new Problem(
                                actual.globalIndex(),
                                actual.eventId(),
                                "altered",
                                "the stored bytes of this event differ from those chained"));
            }
            link = recomputed;
            checked++;
            chain.next();
            events.next();
        }
        long pending = 0;
        while (events.peek() != null) {
            pending++;
            events.next();
        }
        return new Report(true, checked, pending, HexFormat.of().formatHex(link), null);
    }

    private static Report failed(long checked, byte[] link, Problem problem) {
        return new Report(false, checked, 0, HexFormat.of().formatHex(link), problem);
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A forward-only cursor over a table in global order, one page at a time. */
    private static final class Pages<T> {
        private final Connection connection;
        private final String sql;
        private final RowReader<T> reader;
        private final java.util.function.ToLongFunction<T> position;
        private final Deque<T> buffer = new ArrayDeque<>();
        private long after = -1;
        private boolean exhausted;

        Pages(Connection connection, String sql, RowReader<T> reader, java.util.function.ToLongFunction<T> position) {
            this.connection = connection;
            this.sql = sql;
            this.reader = reader;
            this.position = position;
        }

        T peek() throws SQLException {
            if (buffer.isEmpty() && !exhausted) {
                fill();
            }
            return buffer.peekFirst();
        }

        void next() {
            buffer.pollFirst();
        }

        private void fill() throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, after);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        T row = reader.read(rows);
                        buffer.addLast(row);
                        after = position.applyAsLong(row);
                    }
                }
            }
            exhausted = buffer.size() < PAGE;
        }
    }
}
