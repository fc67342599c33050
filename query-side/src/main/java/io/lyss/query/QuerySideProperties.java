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
 * @param gatherFor how long the broker may hold a projector's fetch for more events to gather (fewer, larger
 *     batches under load; at most this much later read models when the topic is quiet)
 * @param dedupWindow how many Kafka offsets behind the newest record of its partition the id of an applied event is
 *     remembered
 * @param auditedContexts event contexts recorded in the audit log
 * @param rebuildFlushEvents how many events a usage rebuild folds in memory before it writes them (with its
 *     checkpoint) in one transaction; an interrupted rebuild resumes from the last such write
 * @param commandSideUrl where the data keys that open turn content are fetched (ADR 0026)
 */
@ConfigurationProperties("lyss.query")
public record QuerySideProperties(
        @DefaultValue("127.0.0.1:59092") String kafkaBootstrapServers,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue("50ms") Duration gatherFor,
        @DefaultValue("1000000") long dedupWindow,
        @DefaultValue("governance") List<String> auditedContexts,
        @DefaultValue("500000") int rebuildFlushEvents,
        @DefaultValue("http://127.0.0.1:8080") String commandSideUrl) {}
