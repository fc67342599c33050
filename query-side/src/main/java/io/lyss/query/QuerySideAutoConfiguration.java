package io.lyss.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.lyss.query.audit.AuditProjection;
import io.lyss.query.conversations.ConversationProjection;
import io.lyss.query.health.ProjectionMetrics;
import io.lyss.query.projection.BoundedReplay;
import io.lyss.query.projection.CheckpointStore;
import io.lyss.query.projection.DeadLetters;
import io.lyss.query.projection.ProjectionRunner;
import io.lyss.query.readmodel.SearchProjection;
import io.lyss.query.readmodel.SqlSchema;
import io.lyss.query.replay.PointInTimeReports;
import io.lyss.query.replay.ReadModel;
import io.lyss.query.replay.ReadModels;
import io.lyss.query.replay.Rebuilds;
import io.lyss.query.replay.SearchReadModel;
import io.lyss.query.replay.SqlReadModel;
import io.lyss.query.timelines.WorkflowRunDocuments;
import io.lyss.query.turns.TurnDocuments;
import io.lyss.query.usage.UsageBulkProjection;
import io.lyss.query.usage.UsageProjection;
import io.lyss.query.usage.UsageQueries;
import io.lyss.security.access.SecurityProperties;
import io.lyss.security.personal.ConversationContents;
import io.lyss.security.personal.DataKeyDirectory;
import io.lyss.security.secrets.SecretSealer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
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

/** The query side as a library: projections fed from Kafka, the report APIs over them, replay and health. */
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
    DeadLetters deadLetters(JdbcTemplate jdbc, Flyway querySideSchemaMigration) {
        return new DeadLetters(jdbc);
    }

    @Bean
    ReadModel usageReadModel(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            DeadLetters deadLetters,
            QuerySideProperties properties) {
        SqlSchema live = UsageProjection.schema(jdbc, transactions, UsageProjection.SCHEMA);
        live.createOrReplaceOutdated();
        return new SqlReadModel(
                live,
                schema -> new UsageBulkProjection(schema, properties.rebuildFlushEvents()),
                runner(new UsageProjection(live, properties.dedupWindow()), deadLetters, properties));
    }

    @Bean
    ReadModel auditReadModel(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            DeadLetters deadLetters,
            QuerySideProperties properties) {
        SqlSchema live = AuditProjection.schema(jdbc, transactions, AuditProjection.SCHEMA);
        live.createOrReplaceOutdated();
        return new SqlReadModel(
                live,
                schema -> new AuditProjection(schema, properties.auditedContexts()),
                runner(new AuditProjection(live, properties.auditedContexts()), deadLetters, properties));
    }

    /** Opens turn content with the data keys the command side hands out (ADR 0026). */
    @Bean
    ConversationContents queryConversationContents(
            QuerySideProperties properties, SecurityProperties security, ObjectProvider<SecretSealer> sealer) {
        return new ConversationContents(
                new DataKeyDirectory(properties.commandSideUrl(), security.internalToken(), sealer.getIfAvailable()));
    }

    @Bean
    ReadModel turnsReadModel(
            ElasticsearchClient elasticsearch,
            CheckpointStore checkpoints,
            DeadLetters deadLetters,
            QuerySideProperties properties,
            ConversationContents queryConversationContents) {
        var live = new SearchProjection<>(elasticsearch, new TurnDocuments(queryConversationContents), checkpoints);
        return new SearchReadModel(elasticsearch, live, checkpoints, runner(live, deadLetters, properties));
    }

    @Bean
    ReadModel workflowRunsReadModel(
            ElasticsearchClient elasticsearch,
            CheckpointStore checkpoints,
            DeadLetters deadLetters,
            QuerySideProperties properties) {
        var live = new SearchProjection<>(elasticsearch, new WorkflowRunDocuments(), checkpoints);
        return new SearchReadModel(elasticsearch, live, checkpoints, runner(live, deadLetters, properties));
    }

    @Bean
    ReadModels readModels(List<ReadModel> readModels) {
        return new ReadModels(readModels);
    }

    @Bean
    UsageQueries usageQueries(JdbcTemplate jdbc) {
        return new UsageQueries(jdbc, UsageProjection.SCHEMA);
    }

    @Bean
    BoundedReplay boundedReplay(QuerySideProperties properties) {
        return new BoundedReplay(properties.kafkaBootstrapServers());
    }

    @Bean
    Rebuilds rebuilds(ReadModels readModels, BoundedReplay replay, DeadLetters deadLetters) {
        return new Rebuilds(readModels, replay, deadLetters);
    }

    @Bean
    PointInTimeReports pointInTimeReports(BoundedReplay replay) {
        return new PointInTimeReports(replay);
    }

    @Bean
    ProjectionMetrics projectionMetrics(
            ObjectProvider<MeterRegistry> registry, ReadModels readModels, DeadLetters deadLetters) {
        MeterRegistry meters = registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new ProjectionMetrics(meters, readModels, deadLetters);
    }

    @Bean
    ProjectionRunner conversationProjector(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CheckpointStore checkpoints,
            DeadLetters deadLetters,
            QuerySideProperties properties,
            ConversationContents queryConversationContents) {
        return runner(
                new ConversationProjection(jdbc, transactions, checkpoints, queryConversationContents),
                deadLetters,
                properties);
    }

    private static ProjectionRunner runner(
            io.lyss.query.projection.Projection projection, DeadLetters deadLetters, QuerySideProperties properties) {
        return new ProjectionRunner(
                projection,
                properties.kafkaBootstrapServers(),
                properties.pollTimeout(),
                properties.gatherFor(),
                deadLetters);
    }
}
