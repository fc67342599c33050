package io.lyss.query.readmodel;

import io.lyss.query.projection.ProjectedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A PostgreSQL read model in a schema of its own: its tables, its checkpoint and the ids of the events it applied
 * live together, so they commit together, and the whole schema can be rebuilt beside the live one and swapped in
 * by renaming (PostgreSQL DDL is transactional: readers see the old schema or the new one, never a mix).
 */
public final class SqlSchema {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlSchema.class);

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,50}");
    private static final String SHADOW_SUFFIX = "__shadow";
    private static final String RETIRED_SUFFIX = "__retired";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String name;
    private final String ddlResource;
    private final List<String> reportTables;

    /**
     * @param name the schema
     * @param ddlResource classpath resource creating the read model's tables in {@code ${schema}}
     * @param reportTables the tables that make up the read model (checksummed), each with its sort key
     */
    public SqlSchema(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            String name,
            String ddlResource,
            List<String> reportTables) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain schema name: " + name);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.name = name;
        this.ddlResource = ddlResource;
        this.reportTables = List.copyOf(reportTables);
    }

    public String name() {
        return name;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    /** A table of this schema, qualified, e.g. {@code lyss_rm_usage.usage_daily}. */
    public String table(String table) {
        return name + "." + table;
    }

    /** The schema a rebuild fills while this one keeps serving. */
    public SqlSchema shadow() {
        return new SqlSchema(jdbc, transactions, name + SHADOW_SUFFIX, ddlResource, reportTables);
    }

    /** Creates the schema and its tables when missing. */
    public void create() {
        create(false);
    }

    /**
     * Prepares the live schema at startup: creates it when missing, and drops and recreates it when it was made by
     * another version of the DDL (its projection then rebuilds it from offset 0, since its checkpoint goes too).
     * Returns true when the schema was (re)created empty.
     */
    public boolean createOrReplaceOutdated() {
        if (hasCurrentLayout()) {
            return false;
        }
        if (exists()) {
            LOG.warn("Read model schema {} was made by another layout; dropping it to rebuild it from the log", name);
        }
        drop();
        create();
        return true;
    }

    /** Whether this schema exists and was made by the current DDL (a shadow left by an interrupted rebuild may be). */
    public boolean hasCurrentLayout() {
        if (!exists()) {
            return false;
        }
        return jdbc.queryForList("SELECT hash FROM " + table("layout"), String.class).stream()
                .findFirst()
                .orElse("")
                .equals(layoutHash());
    }

    private boolean exists() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'layout')",
                Boolean.class,
                name));
    }

    private String layoutHash() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((bookkeepingDdl() + resource(ddlResource)).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates the schema with unlogged tables (no write-ahead log: a rebuild writes about half as much). Call
     * {@link #makeDurable()} before the schema goes live; a crash before that empties it, and the rebuild starts over.
     */
    public void createUnlogged() {
        create(true);
    }

    private void create(boolean unlogged) {
        String ddl = (bookkeepingDdl() + resource(ddlResource)).replace("${schema}", name);
        if (unlogged) {
            ddl = ddl.replace("CREATE TABLE", "CREATE UNLOGGED TABLE");
        }
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + name);
        jdbc.execute(ddl);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + table("layout") + " (hash VARCHAR(64) NOT NULL)");
        jdbc.update("DELETE FROM " + table("layout"));
        jdbc.update("INSERT INTO " + table("layout") + " (hash) VALUES (?)", layoutHash());
    }

    /** Turns unlogged tables into ordinary, crash-safe ones (rewrites each once, through the write-ahead log). */
    public void makeDurable() {
        for (String table : jdbc.queryForList(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind = 'r' AND c.relpersistence = 'u'",
                String.class,
                name)) {
            jdbc.execute("ALTER TABLE " + table(table) + " SET LOGGED");
        }
    }

    /**
     * Lets the current transaction commit without waiting for its WAL flush. Safe for a read model: a crash can only
     * lose its last transactions whole, rows and checkpoint together, and the projection replays them from Kafka.
     */
    public void relaxCommit() {
        jdbc.execute("SET LOCAL synchronous_commit = off");
    }

    public void drop() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    /** Next offset per partition. */
    public Map<Integer, Long> checkpoint() {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.query("SELECT partition_id, next_offset FROM " + table("checkpoint"), row -> {
            offsets.put(row.getInt(1), row.getLong(2));
        });
        return offsets;
    }

    /** Stores the checkpoint; call inside the transaction that wrote the read model. */
    public void saveCheckpoint(Map<Integer, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        List<Integer> partitions = new ArrayList<>(nextOffsets.keySet());
        jdbc.update(
                "INSERT INTO " + table("checkpoint") + " (partition_id, next_offset)"
                        + " SELECT * FROM unnest(?::int[], ?::bigint[])"
                        + " ON CONFLICT (partition_id) DO UPDATE SET next_offset = EXCLUDED.next_offset",
                partitions.toArray(Integer[]::new),
                partitions.stream().map(nextOffsets::get).toArray(Long[]::new));
    }

    /**
     * Marks events applied and returns the ids seen for the first time; call inside the transaction that applies
     * them. A re-delivered event (the relay sends at least once) is not in the result, so it never counts twice.
     */
    public Set<String> firstDeliveries(List<ProjectedEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        Map<String, ProjectedEvent> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.envelope().eventId(), e));
        List<String> fresh = jdbc.queryForList(
                "INSERT INTO " + table("processed_event") + " (event_id, partition_id, kafka_offset)"
                        + " SELECT * FROM unnest(?::varchar[], ?::int[], ?::bigint[])"
                        + " ON CONFLICT DO NOTHING RETURNING event_id",
                String.class,
                byId.keySet().toArray(String[]::new),
                byId.values().stream().map(ProjectedEvent::partition).toArray(Integer[]::new),
                byId.values().stream().map(ProjectedEvent::offset).toArray(Long[]::new));
        return new HashSet<>(fresh);
    }

    /**
     * Forgets processed ids of a partition far behind that partition's newest position. A re-delivery lands on the
     * same partition as the original (same key) and only repeats the relay's last unacknowledged batch, so ids older
     * than the window can no longer come back there. Per partition, because partitions are read at different
     * speeds. Keeps the table bounded.
     */
    public int forgetProcessedBefore(int partition, long offset) {
        return jdbc.update(
                "DELETE FROM " + table("processed_event") + " WHERE partition_id = ? AND kafka_offset < ?",
                partition,
                offset);
    }

    public long processedCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + table("processed_event"), Long.class);
        return count == null ? 0 : count;
    }

    /**
     * A checksum of the read model's content: md5 over every row of every report table in a fixed order. Two
     * schemas with the same rows have the same checksum whatever order the rows were written in.
     */
    public Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : reportTables) {
            sums.put(
                    table,
                    jdbc.queryForObject(
                            "SELECT md5(coalesce(string_agg(r, '\n' ORDER BY r), '')) || ':' || count(*)"
                                    + " FROM (SELECT t::text AS r FROM " + table(table) + " t) rows",
                            String.class));
        }
        return sums;
    }

    /** Up to {@code limit} rows per report table that are in this schema and not in the other, or the reverse. */
    public List<String> differencesFrom(SqlSchema other, int limit) {
        List<String> differences = new ArrayList<>();
        for (String table : reportTables) {
            for (String[] sides :
                    new String[][] {{name, other.name, "only in " + name}, {other.name, name, "only in " + other.name}
                    }) {
                jdbc.query(
                        "SELECT t::text FROM " + sides[0] + "." + table + " t EXCEPT SELECT t::text FROM " + sides[1]
                                + "." + table + " t LIMIT " + limit,
                        row -> {
                            differences.add(sides[2] + "." + table + ": " + row.getString(1));
                        });
            }
        }
        return differences;
    }

    /** Puts a rebuilt schema in this one's place in one transaction, then drops the old content. */
    public void replaceWith(SqlSchema rebuilt) {
        String retired = name + RETIRED_SUFFIX;
        transactions.executeWithoutResult(status -> {
            jdbc.execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE");
            jdbc.execute("ALTER SCHEMA " + name + " RENAME TO " + retired);
            jdbc.execute("ALTER SCHEMA " + rebuilt.name + " RENAME TO " + name);
        });
        jdbc.execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE");
    }

    private static String bookkeepingDdl() {
        return """
                CREATE TABLE IF NOT EXISTS ${schema}.checkpoint (
                    partition_id INTEGER PRIMARY KEY,
                    next_offset  BIGINT  NOT NULL
                );
                CREATE TABLE IF NOT EXISTS ${schema}.processed_event (
                    event_id     VARCHAR(64) PRIMARY KEY,
                    partition_id INTEGER     NOT NULL,
                    kafka_offset BIGINT      NOT NULL
                );
                CREATE INDEX IF NOT EXISTS processed_event_position
                    ON ${schema}.processed_event (partition_id, kafka_offset);
                """;
    }

    private static String resource(String path) {
        try (InputStream in = SqlSchema.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing read model DDL " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
