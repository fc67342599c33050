package io.lyss.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.command.scope.Provenance;
import io.lyss.events.EventJson;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's JDBC engine on PostgreSQL, in the command side's own schema {@value #SCHEMA}, with
 * payloads serialized by the same Jackson mapping as the Kafka envelope.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    public static final String SCHEMA = "lyss_command";
    /** Bean name to put in {@code @Aggregate(snapshotTriggerDefinition = ...)} of a hot aggregate. */
    public static final String HOT_AGGREGATE_SNAPSHOTS = "hotAggregateSnapshots";

    static final int SNAPSHOT_EVERY = 50;

    /**
     * Bean name to put in {@code @Aggregate(cache = ...)} of a hot aggregate: it stays in memory between commands
     * instead of being loaded from its snapshot and events each time. Safe because one command side owns the
     * aggregates (ADR 0007); a failed command evicts its aggregate, so the next one reloads it.
     */
    public static final String HOT_AGGREGATE_CACHE = "hotAggregateCache";

    @Bean(initMethod = "migrate")
    Flyway commandSideSchemaMigration(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/command")
                .load();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(SCHEMA + ".domain_event_entry")
                .snapshotTable(SCHEMA + ".snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * The event store as Axon's auto-configuration builds it, but without the shared cache of events read ahead for
     * tracking processors ({@code optimizeEventConsumption}): the relay is the only tracking processor, so the cache
     * shared nothing. Its thread read every new event from PostgreSQL while the relay, lagging under load, read them
     * again on a stream of its own; and a relay held up by Kafka kept every event read ahead since then in memory
     * (272,000 events, 400 MB of live heap, in a 30 s Kafka outage under load: an {@code OutOfMemoryError} in a
     * longer one; docs/adr/0045). The relay now reads its own stream from the store, at its own pace.
     */
    @Bean("eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false)
                .build();
    }

    /** Axon's JDBC storage engine, built as its auto-configuration would (which backs off once the store is ours). */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer snapshotSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon,
            ConnectionProvider connections,
            TransactionManager transactions,
            EventSchema schema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable(SCHEMA + ".token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Snapshots for aggregates that collect many events (a long conversation): one every
     * {@value #SNAPSHOT_EVERY} events, so loading one reads a snapshot and fewer than that many events.
     */
    @Bean(HOT_AGGREGATE_SNAPSHOTS)
    SnapshotTriggerDefinition hotAggregateSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }

    @Bean(HOT_AGGREGATE_CACHE)
    Cache hotAggregateCache() {
        return new WeakReferenceCache();
    }

    @Bean("defaultAxonObjectMapper")
    ObjectMapper axonObjectMapper() {
        return EventJson.newMapper();
    }

    /** Copies who acted and why from each command onto the events it causes. */
    @Bean
    CorrelationDataProvider provenanceCorrelation() {
        return new SimpleCorrelationDataProvider(Provenance.ACTOR, Provenance.CORRELATION_ID);
    }

    /**
     * Axon's JDBC token store, owned by this application context. Axon names the owner of a claim after the JVM
     * (pid@host) by default, so two platforms in one JVM (the integration tests start several) would each believe
     * they hold the other's claims and relay every event twice.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connections,
            @Qualifier("serializer") Serializer serializer,
            TokenSchema schema,
            TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .schema(schema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID())
                .build();
    }

    @Bean
    CorrelationDataProvider messageOriginCorrelation() {
        return new MessageOriginProvider();
    }
}
