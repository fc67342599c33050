package io.lyss.command.relay;

import io.lyss.events.EventTopics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.Serializer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The relay's Kafka clients and its tracking processor: one thread, batched, failures retried, never skipped. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> relayProducer(RelayProperties properties) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        properties.bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "lyss-relay",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        2,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        20_000),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    Admin relayAdmin(RelayProperties properties) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                properties.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "lyss-relay-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
    }

    @Bean
    EventsTopic eventsTopic(Admin relayAdmin, RelayProperties properties) {
        return new EventsTopic(relayAdmin, properties);
    }

    @Bean
    GovernanceTopic governanceTopic(
            Admin relayAdmin, Producer<String, byte[]> relayProducer, RelayProperties properties) {
        return new GovernanceTopic(
                relayAdmin,
                relayProducer,
                properties.bootstrapServers(),
                EventTopics.EVENTS,
                EventTopics.GOVERNANCE,
                properties.replicationFactor());
    }

    @Bean
    KafkaRelay kafkaRelay(
            Producer<String, byte[]> relayProducer,
            EventsTopic eventsTopic,
            GovernanceTopic governanceTopic,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new KafkaRelay(relayProducer, eventsTopic, governanceTopic, new EnvelopeWriter(eventSerializer));
    }

    /**
     * Creates the topics at start when Kafka is there, so consumers find them (and orchestrators of a new
     * installation find a whole governance topic at once); the relay retries otherwise.
     */
    @EventListener(ApplicationReadyEvent.class)
    void createTopicsEarly(ApplicationReadyEvent ready) {
        try {
            ready.getApplicationContext().getBean(EventsTopic.class).ensureExists();
            ready.getApplicationContext().getBean(GovernanceTopic.class).ensureWhole();
        } catch (KafkaRelay.RelayFailedException e) {
            LoggerFactory.getLogger(RelayConfiguration.class)
                    .warn("Kafka is not reachable yet; events are kept in the event store and relayed once it is");
        }
    }

    @Autowired
    void configureRelayProcessor(EventProcessingConfigurer processing, RelayProperties properties) {
        processing
                .registerTrackingEventProcessor(KafkaRelay.PROCESSING_GROUP)
                .registerTrackingEventProcessorConfiguration(
                        KafkaRelay.PROCESSING_GROUP,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize())
                                // it reads the store itself (no read-ahead thread; EventStoreConfiguration), so it
                                // looks for new events this often when it has caught up
                                .andEventAvailabilityTimeout(
                                        properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)
                                // relaying yields the CPU to requests (ADR 0036)
                                .andThreadFactory(
                                        name -> new AxonThreadFactory(Thread.MIN_PRIORITY, new ThreadGroup(name))))
                .registerListenerInvocationErrorHandler(
                        KafkaRelay.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
