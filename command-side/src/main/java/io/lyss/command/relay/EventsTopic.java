package io.lyss.command.relay;

import io.lyss.events.EventTopics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the events topic the first time the relay needs it (the broker does not auto-create topics). The topic
 * keeps every event forever: read models are rebuilt from it from offset 0 (docs/adr/0023).
 */
final class EventsTopic {

    private final Admin admin;
    private final RelayProperties properties;
    private volatile boolean exists;

    EventsTopic(Admin admin, RelayProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    void ensureExists() {
        if (exists) {
            return;
        }
        try {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (!topics.contains(EventTopics.EVENTS)) {
                var topic = new NewTopic(EventTopics.EVENTS, properties.partitions(), properties.replicationFactor())
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
                admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            }
            exists = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                exists = true;
                return;
            }
            throw new KafkaRelay.RelayFailedException("Cannot create topic " + EventTopics.EVENTS, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaRelay.RelayFailedException("Kafka did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaRelay.RelayFailedException("Interrupted while creating the topic", e);
        }
    }
}
