package io.lyss.query.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventCatalogue;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.LyssEvent;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.RequestRejected;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.query.projection.BoundedReplay;
import io.lyss.query.projection.DeadLetters;
import io.lyss.query.projection.RecordDecoder;
import io.lyss.query.readmodel.ProcessedIds;
import io.lyss.query.readmodel.SqlSchema;
import io.lyss.query.support.TopicPublisher;
import io.lyss.query.usage.UsageBulkProjection;
import io.lyss.query.usage.UsageProjection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuild speed of the usage read model from one million events (not part of {@code ./lyss test}; run it by name,
 * see docs/benchmarks.md). The events go once into a topic of their own, {@code lyss.bench.usage.v1}, in the relay's
 * format: per turn a TurnCompleted and a TokensSpent, plus some CacheHit and RequestRejected; 2% are re-deliveries.
 * Baseline, same run: the per-batch path rebuilds used before (one de-duplication row per event, every poll written)
 * on the first {@code lyss.bench.baseline-events} records; the same slice is also rebuilt by the new path and the
 * checksums compared. References: reading, and reading plus decoding, the same records without writing.
 */
class UsageRebuildBenchmark {

    static final String TOPIC = "lyss.bench.usage.v1";
    private static final int EVENTS = Integer.getInteger("lyss.bench.events", 1_000_000);
    private static final int BASELINE_EVENTS = Integer.getInteger("lyss.bench.baseline-events", 100_000);
    private static final int FLUSH_EVERY = Integer.getInteger("lyss.bench.flush-events", 500_000);
    private static final ObjectMapper JSON = EventJson.newMapper();

    @Test
    void rebuildTheUsageReadModelFromAMillionEvents() {
        LocalInfrastructure infra = LocalInfrastructure.discover();
        var dataSource =
                new DriverManagerDataSource(infra.postgresUrl(), infra.postgresUser(), infra.postgresPassword());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("lyss_query")
                .locations("classpath:db/query")
                .load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        BoundedReplay replay = new BoundedReplay(infra.kafkaBootstrapServers(), TOPIC);

        TopicPublisher.ensureTopic(infra.kafkaBootstrapServers(), TOPIC);
        long present =
                replay.endOffsets().values().stream().mapToLong(Long::longValue).sum();
        if (present < EVENTS) {
            long start = System.nanoTime();
            generate(infra.kafkaBootstrapServers(), EVENTS - present);
            System.out.printf("generated %,d events into %s in %.1f s%n", EVENTS - present, TOPIC, seconds(start));
        }
        Map<Integer, Long> ends = share(replay.endOffsets(), EVENTS);
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        Map<Integer, Long> sliceEnds = share(ends, BASELINE_EVENTS);
        long sliceRecords =
                sliceEnds.values().stream().mapToLong(Long::longValue).sum();
        ProcessCpu cpu = new ProcessCpu(stateFolder());
        double loadBefore = loadAverage();

        long readStart = System.nanoTime();
        AtomicLong read = new AtomicLong();
        replay.read(Map.of(), ends, batch -> read.addAndGet(batch.size()));
        double readSeconds = seconds(readStart);

        double fullDecodeSeconds = decodeAll(replay, ends, RecordDecoder.full());
        UsageProjection decoderOwner = new UsageProjection(UsageProjection.schema(jdbc, transactions, "bench_x"), 1);
        double fastDecodeSeconds = decodeAll(replay, ends, decoderOwner.decoder());

        // Baseline, same run: the per-batch path (de-duplication row per event), as rebuilds ran before, on a slice.
        SqlSchema old = UsageProjection.schema(jdbc, transactions, "bench_usage_old");
        old.drop();
        old.createUnlogged();
        Measured before = measure(
                cpu,
                () -> replay.feed(new UsageProjection(old, 1_000_000), new DeadLetters(jdbc), Map.of(), sliceEnds),
                old::makeDurable);

        // The same slice through the rebuild path, to check both count alike.
        SqlSchema sliceCheck = UsageProjection.schema(jdbc, transactions, "bench_usage_slice");
        sliceCheck.drop();
        sliceCheck.createUnlogged();
        replay.feed(new UsageBulkProjection(sliceCheck, FLUSH_EVERY), new DeadLetters(jdbc), Map.of(), sliceEnds);
        boolean sliceIdentical = sliceCheck.checksums().equals(old.checksums());

        SqlSchema schema = UsageProjection.schema(jdbc, transactions, "bench_usage");
        schema.drop();
        schema.createUnlogged();
        Measured rebuild = measure(
                cpu,
                () -> replay.feed(new UsageBulkProjection(schema, FLUSH_EVERY), new DeadLetters(jdbc), Map.of(), ends),
                () -> {
                    new ProcessedIds(schema).restoreIndexes();
                    schema.makeDurable();
                });
        Long rows = jdbc.queryForObject("SELECT count(*) FROM bench_usage.usage_daily", Long.class);
        Long requests = jdbc.queryForObject("SELECT sum(requests) FROM bench_usage.usage_daily", Long.class);

        System.out.printf(
                "%n=== usage read model rebuild (%s, %d cores, load average %.1f before, %.1f after) ===%n",
                TOPIC, Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
        System.out.printf("events replayed                   %,d (baseline slice %,d)%n", records, sliceRecords);
        System.out.printf(
                "reference: read only              %6.1f s  %,9.0f events/s%n", readSeconds, read.get() / readSeconds);
        System.out.printf(
                "reference: read + full decode     %6.1f s  %,9.0f events/s%n",
                fullDecodeSeconds, records / fullDecodeSeconds);
        System.out.printf(
                "reference: read + usage decode    %6.1f s  %,9.0f events/s%n",
                fastDecodeSeconds, records / fastDecodeSeconds);
        before.print("baseline: per-batch path (slice)", sliceRecords);
        rebuild.print("rebuild path (all events)", records);
        System.out.printf(
                "rebuild / baseline: %.1f x events per wall-clock second, %.1f x events per CPU-second%n",
                (records / rebuild.wallSeconds) / (sliceRecords / before.wallSeconds),
                (records / rebuild.cpuSeconds()) / (sliceRecords / before.cpuSeconds()));
        System.out.printf("slice rebuilt both ways: identical checksums = %s%n", sliceIdentical);
        System.out.printf("usage rows %,d, requests counted %,d%n", rows, requests);
        schema.drop();
        old.drop();
        sliceCheck.drop();
    }

    private static double decodeAll(BoundedReplay replay, Map<Integer, Long> ends, RecordDecoder decoder) {
        long start = System.nanoTime();
        replay.read(
                Map.of(),
                ends,
                batch -> batch.forEach(record -> {
                    String type = new String(
                            record.headers()
                                    .lastHeader(EventEnvelope.HEADER_EVENT_TYPE)
                                    .value(),
                            StandardCharsets.UTF_8);
                    if (io.lyss.query.usage.UsageFold.reads(type)) {
                        decoder.decode(record.value(), record.partition(), record.offset());
                    }
                }));
        return seconds(start);
    }

    /** Wall-clock and CPU seconds (this JVM, PostgreSQL, Kafka) of a fill and its sealing. */
    private static Measured measure(ProcessCpu cpu, Runnable fill, Runnable seal) {
        double[] cpuBefore = cpu.now();
        long start = System.nanoTime();
        fill.run();
        double fillSeconds = seconds(start);
        seal.run();
        double wall = seconds(start);
        double[] cpuAfter = cpu.now();
        return new Measured(
                wall,
                wall - fillSeconds,
                cpuAfter[0] - cpuBefore[0],
                Math.max(0, cpuAfter[1] - cpuBefore[1]),
                Math.max(0, cpuAfter[2] - cpuBefore[2]));
    }

    private record Measured(double wallSeconds, double sealSeconds, double jvm, double postgres, double kafka) {
        double cpuSeconds() {
            return jvm + postgres + kafka;
        }

        void print(String label, long events) {
            System.out.printf(
                    "%-34s %6.1f s  %,9.0f events/s (sealing %.1f s)%n",
                    label, wallSeconds, events / wallSeconds, sealSeconds);
            System.out.printf(
                    "  CPU %.1f s (JVM %.1f, PostgreSQL %.1f, Kafka %.1f): %,.0f events per CPU-second,"
                            + " => %,.0f events/s if 2 cores were its alone%n",
                    cpuSeconds(), jvm, postgres, kafka, events / cpuSeconds(), 2 * events / cpuSeconds());
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void generate(String bootstrapServers, long count) {
        Random random = new Random(42);
        Instant day0 = Instant.parse("2026-10-01T00:00:00Z");
        long position = 1;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        512 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            long sent = 0;
            EventEnvelope previous = null;
            while (sent < count) {
                String workspace = "ws_bench_" + random.nextInt(20);
                String key = "key_" + random.nextInt(200);
                String model = "model-" + random.nextInt(8);
                String conversation = "conv_" + random.nextInt(50_000);
                String turn = UUID.randomUUID().toString();
                Instant at = day0.plusSeconds(random.nextInt(30 * 86_400));
                int kind = random.nextInt(100);
                if (kind < 2 && previous != null) {
                    send(producer, previous);
                    sent++;
                    continue;
                }
                if (kind < 6) {
                    previous = envelope(
                            new RequestRejected(turn, workspace, key, model, 429, "rate_limit_exceeded", "rate"),
                            turn,
                            at,
                            position++);
                    send(producer, previous);
                    sent++;
                    continue;
                }
                if (kind < 12) {
                    previous = envelope(
                            new CacheHit(turn, workspace, key, model, "exact", "t", 1.0, 120, 40, 90, "v1"),
                            turn,
                            at,
                            position++);
                    send(producer, previous);
                    sent++;
                    continue;
                }
                send(
                        producer,
                        envelope(
                                new TurnCompleted(
                                        conversation,
                                        turn,
                                        workspace,
                                        key,
                                        model,
                                        "ch_" + random.nextInt(4),
                                        "q",
                                        "a",
                                        kind < 14 ? "error" : "stop",
                                        800,
                                        120,
                                        "user_" + random.nextInt(1000)),
                                conversation,
                                at,
                                position++));
                previous = envelope(
                        new TokensSpent(
                                turn,
                                workspace,
                                key,
                                model,
                                "ch_1",
                                100 + random.nextInt(900),
                                random.nextInt(500),
                                random.nextInt(50),
                                random.nextInt(5_000),
                                kind < 50 ? "v1" : "v2",
                                SpendReason.CHAT,
                                false),
                        conversation,
                        at,
                        position++);
                send(producer, previous);
                sent += 2;
            }
            producer.flush();
        }
    }

    private static EventEnvelope envelope(LyssEvent event, String aggregateId, Instant at, long position) {
        EventCatalogue.Entry entry = EventCatalogue.of(event.getClass());
        return new EventEnvelope(
                UUID.randomUUID().toString(),
                entry.name(),
                entry.revision(),
                at,
                event.workspaceId(),
                "API_KEY:bench",
                "bench",
                aggregateId,
                0,
                position,
                JSON.valueToTree(event));
    }

    private static void send(KafkaProducer<String, byte[]> producer, EventEnvelope envelope) {
        try {
            var record = new ProducerRecord<>(TOPIC, envelope.aggregateId(), JSON.writeValueAsBytes(envelope));
            record.headers()
                    .add(EventEnvelope.HEADER_EVENT_ID, envelope.eventId().getBytes(StandardCharsets.UTF_8))
                    .add(EventEnvelope.HEADER_EVENT_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8))
                    .add(
                            EventEnvelope.HEADER_GLOBAL_INDEX,
                            Long.toString(envelope.globalIndex()).getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The worktree's infrastructure state ({@code .lyss}), where pid files live. */
    private static java.nio.file.Path stateFolder() {
        String home = System.getenv("LYSS_HOME");
        if (home != null) {
            return java.nio.file.Path.of(home);
        }
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        return java.nio.file.Files.isDirectory(here.resolve(".lyss"))
                ? here.resolve(".lyss")
                : here.getParent().resolve(".lyss");
    }

    /** The first offsets of each partition that together make about {@code events} records. */
    private static Map<Integer, Long> share(Map<Integer, Long> ends, long events) {
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        Map<Integer, Long> share = new java.util.HashMap<>();
        ends.forEach((partition, end) -> share.put(partition, total <= events ? end : end * events / total));
        return share;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
