package io.lyss.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Looks for a phrase in every place Lyss stores data: every table of every {@code lyss*} schema in PostgreSQL
 * (binary columns read as escaped text), the bytes of every record (key, value, headers) of every {@code lyss*}
 * Kafka topic, and every document of every Elasticsearch index. Each scan names where the phrase was found.
 */
final class PersonalContentScan {

    private final JdbcTemplate jdbc;
    private final String kafkaBootstrapServers;
    private final String elasticsearchUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    PersonalContentScan(JdbcTemplate jdbc, String kafkaBootstrapServers, String elasticsearchUrl) {
        this.jdbc = jdbc;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.elasticsearchUrl = elasticsearchUrl.replaceAll("/+$", "");
    }

    /** Tables ({@code schema.table}) with a row whose text contains the phrase (case-insensitive). */
    List<String> postgres(String phrase) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> tables = jdbc.queryForList(
                """
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_schema LIKE 'lyss%' AND table_type = 'BASE TABLE'
                """);
        for (Map<String, Object> table : tables) {
            String name = quote(table.get("table_schema")) + "." + quote(table.get("table_name"));
            List<String> columns = jdbc.queryForList(
                    """
                    SELECT CASE WHEN data_type = 'bytea' THEN 'encode(' || quote_ident(column_name) || ', ''escape'')'
                                ELSE quote_ident(column_name) || '::text' END
                    FROM information_schema.columns WHERE table_schema = ? AND table_name = ?
                    """,
                    String.class,
                    table.get("table_schema"),
                    table.get("table_name"));
            if (columns.isEmpty()) {
                continue;
            }
            String text = "concat_ws(' ', " + String.join(", ", columns) + ")";
            Long hits = jdbc.queryForObject(
                    "SELECT count(*) FROM " + name + " WHERE " + text + " ILIKE ?", Long.class, "%" + phrase + "%");
            if (hits != null && hits > 0) {
                found.add(name + " (" + hits + " rows)");
            }
        }
        return found;
    }

    /** Topics with a record whose key, value or a header contains the phrase. */
    List<String> kafka(String phrase) {
        byte[] needle = phrase.getBytes(StandardCharsets.UTF_8);
        Set<String> found = new TreeSet<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafkaBootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(10)).forEach((topic, infos) -> {
                if (topic.startsWith("lyss")) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    boolean hit = contains(record.key(), needle) || contains(record.value(), needle);
                    for (Header header : record.headers()) {
                        hit |= contains(header.value(), needle);
                    }
                    if (hit) {
                        found.add(record.topic());
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** The end offset of every partition of a topic (where a replay has caught up). */
    Map<Integer, Long> endOffsets(String topic) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<Integer, Long> ends = new java.util.HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(partition.partition(), end));
            return ends;
        }
    }

    /** True when every partition of {@code position} has reached its offset in {@code ends}. */
    static boolean caughtUp(Map<Integer, Long> position, Map<Integer, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || position.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    /** Indices with a document that has the phrase in one of its fields (the phrase must be one lowercase word). */
    List<String> elasticsearch(String phrase) {
        List<String> found = new ArrayList<>();
        JsonNode indices = get("/_cat/indices?format=json&h=index&expand_wildcards=all");
        for (JsonNode index : indices) {
            String name = index.path("index").asText();
            String query =
                    """
                    {"size":5,"query":{"query_string":{"query":"*%s*","fields":["*"],"lenient":true}}}"""
                            .formatted(phrase);
            JsonNode hits = post("/" + name + "/_search", query).path("hits").path("hits");
            if (!hits.isEmpty()) {
                found.add(name + " " + hits);
            }
        }
        return found;
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + path)).GET());
    }

    private JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Elasticsearch answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quote(Object identifier) {
        return "\"" + String.valueOf(identifier).replace("\"", "\"\"") + "\"";
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null || haystack.length < needle.length) {
            return false;
        }
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
