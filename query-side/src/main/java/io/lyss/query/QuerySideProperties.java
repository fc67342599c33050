package io.lyss.query;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query side.
 *
 * @param kafkaBootstrapServers where events are consumed from
 * @param pollTimeout how long one poll of a projector waits for events
 * @param dedupWindow how many log positions behind the newest one the ids of applied events are remembered
 * @param auditedContexts event contexts recorded in the audit log
 * @param commandSideUrl where the data keys that open turn content are fetched (ADR 0026)
 */
@ConfigurationProperties("lyss.query")
public record QuerySideProperties(
        @DefaultValue("127.0.0.1:59092") String kafkaBootstrapServers,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue("1000000") long dedupWindow,
        @DefaultValue("governance") List<String> auditedContexts,
        @DefaultValue("http://127.0.0.1:8080") String commandSideUrl) {}
