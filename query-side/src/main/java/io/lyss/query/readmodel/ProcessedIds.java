package io.lyss.query.readmodel;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk access to a read model's {@code processed_event} table for rebuilds: ids go in with {@code COPY} (one
 * statement for a whole flush), and the table's indexes are left off while a shadow fills, because a rebuild
 * de-duplicates in memory; they are built once, in one sort, when the shadow is sealed.
 */
public final class ProcessedIds {

    /** An applied event: its id and where it was read (partition and offset). */
    public record Mark(String eventId, int partition, long offset) {}

    private final SqlSchema schema;

    public ProcessedIds(SqlSchema schema) {
        this.schema = schema;
    }

    /** Appends marks; call inside the transaction that applies their events. Ids must not be in the table yet. */
    public void copy(List<Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder(marks.size() * 64);
        for (Mark mark : marks) {
            CopyText.field(rows, mark.eventId()).append('\t');
            rows.append(mark.partition()).append('\t').append(mark.offset()).append('\n');
        }
        CopyText.copyIn(
                schema,
                "COPY " + schema.table("processed_event") + " (event_id, partition_id, kafka_offset) FROM STDIN",
                rows);
    }

    /** Hands every stored id to a consumer (to resume a rebuild that was interrupted). */
    public void forEach(Consumer<String> consumer) {
        schema.jdbc().query("SELECT event_id FROM " + schema.table("processed_event"), row -> {
            consumer.accept(row.getString(1));
        });
    }

    /** Drops the indexes while a shadow fills. */
    public void dropIndexes() {
        schema.jdbc()
                .execute("ALTER TABLE " + schema.table("processed_event") + " DROP CONSTRAINT IF EXISTS "
                        + "processed_event_pkey");
        schema.jdbc().execute("DROP INDEX IF EXISTS " + schema.table("processed_event_position"));
    }

    /** Builds the indexes the live projection relies on, where missing. */
    public void restoreIndexes() {
        Boolean hasKey = schema.jdbc()
                .queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                                + " WHERE n.nspname = ? AND c.conname = 'processed_event_pkey')",
                        Boolean.class,
                        schema.name());
        if (!Boolean.TRUE.equals(hasKey)) {
            schema.jdbc().execute("ALTER TABLE " + schema.table("processed_event") + " ADD PRIMARY KEY (event_id)");
        }
        schema.jdbc()
                .execute("CREATE INDEX IF NOT EXISTS processed_event_position ON " + schema.table("processed_event")
                        + " (partition_id, kafka_offset)");
    }

    /** PostgreSQL's COPY text format, through the connection of the current transaction. */
    static final class CopyText {

        private CopyText() {}

        static StringBuilder field(StringBuilder out, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
            return out;
        }

        static long copyIn(SqlSchema schema, String sql, CharSequence rows) {
            var dataSource = schema.jdbc().getDataSource();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(sql, new StringReader(rows.toString()));
            } catch (SQLException | IOException e) {
                throw new DataAccessResourceFailureException("COPY into " + schema.name() + " failed", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }
}
