package io.lyss.memory.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventEnvelope;
import io.lyss.events.EventJson;
import io.lyss.events.LyssEvent;
import io.lyss.events.memory.EncryptedContent;
import io.lyss.events.memory.MemoryAdded;
import io.lyss.events.memory.MemoryDeleted;
import io.lyss.events.memory.MemoryUpdated;
import io.lyss.events.memory.UserForgotten;
import io.lyss.infra.LocalInfrastructure;
import io.lyss.memory.crypto.ContentCipher;
import io.lyss.memory.crypto.ContentShreddedException;
import io.lyss.memory.crypto.DataKeys;
import io.lyss.memory.crypto.MemoryContent;
import io.lyss.memory.embedding.Embedder;
import io.lyss.memory.embedding.EmbedderFactory;
import io.lyss.memory.feed.Checkpoints;
import io.lyss.memory.feed.FedEvent;
import io.lyss.security.secrets.MasterKey;
import io.lyss.security.secrets.SecretSealer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The memory index projection against the real PostgreSQL and Elasticsearch: events in, searchable memories
 * out; a rebuild from the same events gives the same answers without any model; a forgotten user stays gone.
 */
class MemoryIndexProjectionIT {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static JdbcTemplate jdbc;
    private static ElasticsearchClient elasticsearch;
    private static Embedder embedder;
    private static DataKeys keys;
    private static ContentCipher cipher;

    private final String workspace = "ws_" + UUID.randomUUID().toString().replace("-", "");
    private final List<FedEvent> log = new ArrayList<>();

    @BeforeAll
    static void connect() {
        LocalInfrastructure infra = LocalInfrastructure.discover();
        var dataSource =
                new DriverManagerDataSource(infra.postgresUrl(), infra.postgresUser(), infra.postgresPassword());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("lyss_memory")
                .locations("classpath:db/memory")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        var rest = RestClient.builder(HttpHost.create(infra.elasticsearchUrl())).build();
        elasticsearch = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        embedder = EmbedderFactory.create(new io.lyss.memory.MemoryProperties.Embedding(null, null, null, 384));
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        keys = new DataKeys(
                jdbc, new SecretSealer(MasterKey.fromBase64(Base64.getEncoder().encodeToString(master))));
        cipher = new ContentCipher(keys);
    }

    @Test
    void anIndexAnotherThreadIsStillCreatingIsSearchedOnceItsShardIsActive() throws Exception {
        String name = "memory-it-" + UUID.randomUUID();
        var creating = CompletableFuture.runAsync(
                () -> new MemoryIndex(elasticsearch, name, embedder.dimensions()).ensureExists());
        // the index exists before its primary shard is active; a search then is answered 503 unless it waits
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> elasticsearch.indices().exists(e -> e.index(name)).value());
        var searching = new MemoryIndex(elasticsearch, name, embedder.dimensions());

        assertThat(searching.nearest(new Scope(workspace, "alice", null, null), embedder.embed("sailing"), 5, -1))
                .isEmpty();
        creating.get(30, TimeUnit.SECONDS);
    }

    @Test
    void eventsBecomeSearchableMemoriesAndARebuildGivesTheSameAnswers() {
        add("m-1", "alice", "Lives in Lisbon");
        add("m-2", "alice", "Likes sailing");
        add("m-3", "bob", "Lives in Oslo");
        update("m-1", "alice", "Lives in Porto");
        delete("m-2", "alice");

        MemoryIndex first = project("memory-it-" + UUID.randomUUID());
        List<String> before = texts(first, "alice", "Where does she live?");
        assertThat(before).containsExactly("Lives in Porto");
        assertThat(texts(first, "bob", "Where does he live?")).containsExactly("Lives in Oslo");

        MemoryIndex rebuilt = project("memory-it-" + UUID.randomUUID());
        assertThat(texts(rebuilt, "alice", "Where does she live?")).isEqualTo(before);
        assertThat(new HistoryStore(jdbc).of(workspace + "-m-1"))
                .extracting(HistoryStore.Entry::event)
                .containsExactly("ADD", "UPDATE");
    }

    @Test
    void aForgottenUserIsNotProjectedAgainOnRebuild() {
        add("m-1", "carol", "Is allergic to peanuts");
        add("m-2", "dave", "Is allergic to pollen");
        MemoryIndex live = project("memory-it-" + UUID.randomUUID());
        assertThat(texts(live, "carol", "allergies")).containsExactly("Is allergic to peanuts");

        List<String> destroyed = keys.destroy(workspace, "carol");
        append(new UserForgotten(workspace, "carol", destroyed), "eu-carol");
        live = project(live.name(), live);
        assertThat(texts(live, "carol", "allergies")).isEmpty();

        MemoryIndex rebuilt = project("memory-it-" + UUID.randomUUID());
        assertThat(texts(rebuilt, "carol", "allergies")).isEmpty();
        assertThat(texts(rebuilt, "dave", "allergies")).containsExactly("Is allergic to pollen");
        MemoryAdded carols = (MemoryAdded) log.getFirst().payload();
        assertThatThrownBy(() -> cipher.decrypt(carols.memoryId(), workspace, "carol", carols.content()))
                .isInstanceOf(ContentShreddedException.class);
    }

    private MemoryIndex project(String indexName) {
        return project(indexName, new MemoryIndex(elasticsearch, indexName, embedder.dimensions()));
    }

    private MemoryIndex project(String name, MemoryIndex index) {
        var projection =
                new MemoryIndexProjection(index, new HistoryStore(jdbc), cipher, keys, embedder, new Checkpoints(jdbc));
        projection.apply(log, Map.of(0, (long) log.size()));
        index.refresh();
        return index;
    }

    private List<String> texts(MemoryIndex index, String user, String query) {
        return index.nearest(new Scope(workspace, user, null, null), embedder.embed(query), 5, -1).stream()
                .map(MemoryRecord::memory)
                .toList();
    }

    private void add(String id, String user, String text) {
        String memoryId = workspace + "-" + id;
        EncryptedContent content = cipher.encrypt(memoryId, workspace, user, new MemoryContent(text, Map.of()));
        append(new MemoryAdded(memoryId, workspace, user, null, null, content, "turn-1", "rules"), memoryId);
    }

    private void update(String id, String user, String text) {
        String memoryId = workspace + "-" + id;
        EncryptedContent content = cipher.encrypt(memoryId, workspace, user, new MemoryContent(text, Map.of()));
        append(new MemoryUpdated(memoryId, workspace, user, content, "turn-2", "rules"), memoryId);
    }

    private void delete(String id, String user) {
        String memoryId = workspace + "-" + id;
        append(new MemoryDeleted(memoryId, workspace, user, "turn-3", "rules"), memoryId);
    }

    private void append(LyssEvent event, String aggregateId) {
        long sequence = log.stream()
                .filter(e -> e.envelope().aggregateId().equals(aggregateId))
                .count();
        var envelope = new EventEnvelope(
                UUID.randomUUID().toString(),
                io.lyss.events.EventCatalogue.nameOf(event.getClass()),
                1,
                Instant.now(),
                workspace,
                "SYSTEM:it",
                "it",
                aggregateId,
                sequence,
                log.size(),
                JSON.valueToTree(event));
        log.add(new FedEvent(envelope, event));
    }
}
