package io.lyss.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query side.
 *
 * @param kafkaBootstrapServers where events are consumed from
 * @param pollTimeout how long one poll of a projector waits for events
 */
@ConfigurationProperties("lyss.query")
public record QuerySideProperties(
        @DefaultValue("127.0.0.1:59092") String kafkaBootstrapServers, @DefaultValue("200ms") Duration pollTimeout) {}
