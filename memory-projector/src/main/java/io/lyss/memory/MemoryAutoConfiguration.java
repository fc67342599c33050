package io.lyss.memory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.lyss.memory.api.ApiKeyDirectory;
import io.lyss.memory.changes.CommandSide;
import io.lyss.memory.crypto.ContentCipher;
import io.lyss.memory.crypto.DataKeys;
import io.lyss.memory.embedding.Embedder;
import io.lyss.memory.embedding.EmbedderFactory;
import io.lyss.memory.extraction.ExtractionModels;
import io.lyss.memory.extraction.LlmExtractor;
import io.lyss.memory.extraction.MemoryModelProjection;
import io.lyss.memory.extraction.RuleBasedExtractor;
import io.lyss.memory.feed.Checkpoints;
import io.lyss.memory.feed.EventRunner;
import io.lyss.memory.index.HistoryStore;
import io.lyss.memory.index.MemoryIndex;
import io.lyss.memory.index.MemoryIndexProjection;
import io.lyss.memory.memories.Forgetting;
import io.lyss.memory.memories.History;
import io.lyss.memory.memories.Memories;
import io.lyss.memory.memories.Remembering;
import io.lyss.memory.memories.TurnMemories;
import io.lyss.security.access.SecurityAutoConfiguration;
import io.lyss.security.access.SecurityProperties;
import io.lyss.security.personal.ConversationContents;
import io.lyss.security.personal.DataKeyDirectory;
import io.lyss.security.secrets.SecretSealer;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The memory projector as a library, on when {@code lyss.memory.enabled=true} and a master key is set: needs PostgreSQL (its schema
 * {@value #SCHEMA}), Elasticsearch, Kafka, the command side and the master key (which seals the users' data keys).
 */
@AutoConfiguration(
        after = {
            DataSourceAutoConfiguration.class,
            ElasticsearchClientAutoConfiguration.class,
            SecurityAutoConfiguration.class
        })
@ConditionalOnExpression("${lyss.memory.enabled:false} and '${lyss.security.master-key:}' != ''")
@EnableConfigurationProperties(MemoryProperties.class)
@ComponentScan(
        basePackageClasses = MemoryAutoConfiguration.class,
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class MemoryAutoConfiguration {

    static final String SCHEMA = "lyss_memory";

    @Bean(initMethod = "migrate")
    Flyway memorySchemaMigration(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/memory")
                .load();
    }

    @Bean
    Checkpoints memoryCheckpoints(JdbcTemplate jdbc, Flyway memorySchemaMigration) {
        return new Checkpoints(jdbc);
    }

    @Bean
    DataKeys memoryDataKeys(JdbcTemplate jdbc, SecretSealer sealer, Flyway memorySchemaMigration) {
        return new DataKeys(jdbc, sealer);
    }

    @Bean
    ContentCipher memoryContentCipher(DataKeys keys) {
        return new ContentCipher(keys);
    }

    @Bean
    HistoryStore memoryHistory(JdbcTemplate jdbc, Flyway memorySchemaMigration) {
        return new HistoryStore(jdbc);
    }

    @Bean
    Embedder memoryEmbedder(MemoryProperties properties) {
        return EmbedderFactory.create(properties.embedding());
    }

    @Bean
    MemoryIndex memoryIndex(ElasticsearchClient elasticsearch, MemoryProperties properties, Embedder embedder) {
        return new MemoryIndex(elasticsearch, properties.index(), embedder.dimensions());
    }

    @Bean
    CommandSide memoryCommandSide(MemoryProperties properties, SecurityProperties security) {
        return new CommandSide(properties.commandSideUrl(), security.internalToken());
    }

    @Bean
    Remembering remembering(
            MemoryIndex index,
            Embedder embedder,
            ContentCipher cipher,
            CommandSide commandSide,
            MemoryProperties p,
            ExtractionModels models,
            SecurityProperties security) {
        var extractor = new LlmExtractor(p.extraction(), models, security.internalToken(), new RuleBasedExtractor());
        return new Remembering(index, embedder, extractor, cipher, commandSide);
    }

    @Bean
    ExtractionModels extractionModels(
            MemoryProperties properties, JdbcTemplate jdbc, SecretSealer sealer, Flyway memorySchemaMigration) {
        return new ExtractionModels(properties.extraction(), jdbc, sealer);
    }

    @Bean
    Memories memories(MemoryIndex index, Embedder embedder, ContentCipher cipher, CommandSide commandSide) {
        return new Memories(index, embedder, cipher, commandSide);
    }

    @Bean
    History memoryHistoryReader(HistoryStore store, ContentCipher cipher) {
        return new History(store, cipher);
    }

    @Bean
    Forgetting forgetting(DataKeys keys, CommandSide commandSide, MemoryIndex index, HistoryStore history) {
        return new Forgetting(keys, commandSide, index, history);
    }

    @Bean
    ApiKeyDirectory memoryApiKeys() {
        return new ApiKeyDirectory();
    }

    @Bean
    EventRunner memoryApiKeyFeed(ApiKeyDirectory directory, MemoryProperties properties) {
        // every instance reads every key event: a consumer group of its own
        String group = "-" + UUID.randomUUID();
        return new EventRunner(directory, properties.kafkaBootstrapServers(), properties.pollTimeout(), 2000, group);
    }

    @Bean
    EventRunner memoryIndexProjector(
            MemoryIndex index,
            HistoryStore history,
            ContentCipher cipher,
            DataKeys keys,
            Embedder embedder,
            Checkpoints checkpoints,
            MemoryProperties properties) {
        var projection = new MemoryIndexProjection(index, history, cipher, keys, embedder, checkpoints);
        return new EventRunner(projection, properties.kafkaBootstrapServers(), properties.pollTimeout(), 500, "");
    }

    @Bean
    EventRunner memoryModelProjector(ExtractionModels models, Checkpoints checkpoints, MemoryProperties properties) {
        var projection = new MemoryModelProjection(models, checkpoints);
        return new EventRunner(projection, properties.kafkaBootstrapServers(), properties.pollTimeout(), 100, "");
    }

    @Bean
    EventRunner turnMemoryMiner(
            Remembering remembering,
            HistoryStore history,
            Checkpoints checkpoints,
            MemoryProperties properties,
            SecurityProperties security,
            SecretSealer sealer) {
        var contents = new ConversationContents(
                new DataKeyDirectory(properties.commandSideUrl(), security.internalToken(), sealer));
        var projection = new TurnMemories(remembering, history, checkpoints, contents);
        return new EventRunner(projection, properties.kafkaBootstrapServers(), properties.pollTimeout(), 20, "");
    }
}
