package io.lyss.command.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the relay publishes.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param partitions partitions of the events topic when the relay has to create it
 * @param replicationFactor replication factor of the events topic when the relay has to create it
 * @param batchSize events relayed per transaction of the relay's tracking processor
 * @param pollInterval how often the relay looks for new events once it has relayed all: the longest an event waits in
 *     the store before it is relayed, when the relay was idle
 */
@ConfigurationProperties("lyss.relay")
record RelayProperties(
        @DefaultValue("127.0.0.1:59092") String bootstrapServers,
        @DefaultValue("4") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("200") int batchSize,
        @DefaultValue("100ms") Duration pollInterval) {}
