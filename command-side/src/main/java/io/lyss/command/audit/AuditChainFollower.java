package io.lyss.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Extends the audit chain as events are stored: one thread reads the event store in global order and appends a
 * link per event. A gap in the global index may be a transaction still committing, so the follower waits for it
 * until the event after the gap is older than {@code gapTimeout}; then the gap is final (a rolled-back append).
 */
class AuditChainFollower implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainFollower.class);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final Duration pollInterval;
    private final Duration gapTimeout;
    private volatile Thread thread;
    private volatile boolean running;
    private long lastIndex = -1;
    private byte[] lastLink = ChainLink.GENESIS;

    AuditChainFollower(DataSource dataSource, Duration pollInterval, Duration gapTimeout) {
        this.dataSource = dataSource;
        this.pollInterval = pollInterval;
        this.gapTimeout = gapTimeout;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform()
                .daemon()
                .priority(Thread.MIN_PRIORITY) // yields the CPU to requests (ADR 0036)
                .name("audit-chain")
                .start(this::follow);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try {
                if (chainNextBatch() == 0) {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Audit chain paused: {}", e.getMessage());
                lastIndex = -1;
                sleepQuietly(Duration.ofSeconds(2));
            }
        }
    }

    /** Chains what is there; returns how many links were added. */
    int chainNextBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (lastIndex < 0) {
                loadHead(connection);
            }
            List<StoredEvent> events = readAfter(connection, lastIndex);
            List<Object[]> links = new ArrayList<>();
            long index = lastIndex;
            byte[] link = lastLink;
            for (StoredEvent event : events) {
                if (event.globalIndex() != index + 1 && index >= 0 && !gapIsFinal(event)) {
                    break;
                }
                link = ChainLink.next(link, event);
                index = event.globalIndex();
                links.add(new Object[] {index, event.eventId(), link});
            }
            if (links.isEmpty()) {
                return 0;
            }
            append(connection, links);
            lastIndex = index;
            lastLink = link;
            return links.size();
        }
    }

    private boolean gapIsFinal(StoredEvent afterGap) {
        try {
            return Instant.parse(afterGap.timestamp()).isBefore(Instant.now().minus(gapTimeout));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private void loadHead(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT global_index, link FROM lyss_command.audit_chain ORDER BY global_index DESC LIMIT 1");
                ResultSet row = query.executeQuery()) {
            if (row.next()) {
                lastIndex = row.getLong(1);
                lastLink = row.getBytes(2);
            } else {
                lastIndex = 0;
                lastLink = ChainLink.GENESIS;
            }
        }
    }

    static List<StoredEvent> readAfter(Connection connection, long index) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                + " FROM lyss_command.domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT "
                + BATCH)) {
            query.setLong(1, index);
            try (ResultSet rows = query.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(StoredEvent.from(rows));
                }
                return events;
            }
        }
    }

    /** Another instance may have chained the same rows: then nothing is inserted and the head is reloaded. */
    private void append(Connection connection, List<Object[]> links) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO lyss_command.audit_chain (global_index, event_identifier, link) VALUES (?, ?, ?)"
                        + " ON CONFLICT (global_index) DO NOTHING")) {
            for (Object[] link : links) {
                insert.setLong(1, (Long) link[0]);
                insert.setString(2, (String) link[1]);
                insert.setBytes(3, (byte[]) link[2]);
                insert.addBatch();
            }
            int[] inserted = insert.executeBatch();
            for (int count : inserted) {
                if (count == 0) {
                    throw new SQLException("another follower chained these events; reloading the head");
                }
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
