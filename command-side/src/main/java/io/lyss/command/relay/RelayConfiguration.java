package io.lyss.command.relay;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay's Kafka clients and its tracking processor: one thread, batched, failures retried, never skipped. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> relayProducer(RelayProperties properties) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG, "lyss-relay",
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.LINGER_MS_CONFIG, 2,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    Admin relayAdmin(RelayProperties properties) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "lyss-relay-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    @Bean
    KafkaRelay kafkaRelay(Producer<String, byte[]> relayProducer, Admin relayAdmin, RelayProperties properties) {
        return new KafkaRelay(relayProducer, new EventsTopic(relayAdmin, properties));
    }

    @Autowired
    void configureRelayProcessor(EventProcessingConfigurer processing, RelayProperties properties) {
        processing
                .registerTrackingEventProcessor(KafkaRelay.PROCESSING_GROUP)
                .registerTrackingEventProcessorConfiguration(
                        KafkaRelay.PROCESSING_GROUP,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize()))
                .registerListenerInvocationErrorHandler(
                        KafkaRelay.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
