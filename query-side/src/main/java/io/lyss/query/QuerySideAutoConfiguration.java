package io.lyss.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.lyss.query.conversations.ConversationProjection;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.ProjectionRunner;
import io.lyss.query.turns.TurnIndex;
import io.lyss.query.turns.TurnIndexProjection;
import io.lyss.query.usage.UsageProjection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The query side as a library: projections fed from Kafka and the report APIs over them. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, ElasticsearchClientAutoConfiguration.class})
@EnableConfigurationProperties(QuerySideProperties.class)
@ComponentScan(
        basePackageClasses = QuerySideAutoConfiguration.class,
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class QuerySideAutoConfiguration {

    static final String SCHEMA = "lyss_query";

    @Bean(initMethod = "migrate")
    Flyway querySideSchemaMigration(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/query")
                .load();
    }

    @Bean
    CheckpointStore checkpointStore(JdbcTemplate jdbc, Flyway querySideSchemaMigration) {
        return new CheckpointStore(jdbc);
    }

    @Bean
    ProjectionRunner usageProjector(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CheckpointStore checkpoints,
            QuerySideProperties properties) {
        return new ProjectionRunner(
                new UsageProjection(jdbc, transactions, checkpoints),
                properties.kafkaBootstrapServers(),
                properties.pollTimeout());
    }

    @Bean
    ProjectionRunner conversationProjector(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CheckpointStore checkpoints,
            QuerySideProperties properties) {
        return new ProjectionRunner(
                new ConversationProjection(jdbc, transactions, checkpoints),
                properties.kafkaBootstrapServers(),
                properties.pollTimeout());
    }

    @Bean
    ProjectionRunner turnIndexProjector(
            ElasticsearchClient elasticsearch, CheckpointStore checkpoints, QuerySideProperties properties) {
        return new ProjectionRunner(
                new TurnIndexProjection(elasticsearch, new TurnIndex(elasticsearch), checkpoints),
                properties.kafkaBootstrapServers(),
                properties.pollTimeout());
    }
}
