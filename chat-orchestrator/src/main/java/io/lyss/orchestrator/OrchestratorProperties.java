package io.lyss.orchestrator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a chat orchestrator instance.
 *
 * @param kafkaBootstrapServers where the governance events are read from
 * @param commandSideUrl base URL of the command side that records turns
 * @param upstreamTimeout how long one provider call may take, end to end
 * @param maxRequestBytes largest accepted request body
 * @param querySideUrl base URL of the query side that serves the conversation read model (Dify API)
 * @param recordingLinger how long finished turns may wait to be reported together; a longer wait makes bigger
 *     batches (cheaper recording) and later read models
 * @param turnBacklogFile where the turns waiting to be recorded are kept, encrypted under the master key, so that
 *     those a stopped or crashed process held are recorded when it starts again; one file per instance. Blank: a
 *     temporary file whose turns are lost with the process (ADR 0042)
 */
@ConfigurationProperties("lyss.orchestrator")
public record OrchestratorProperties(
        @DefaultValue("127.0.0.1:59092") String kafkaBootstrapServers,
        @DefaultValue("http://127.0.0.1:8080") String commandSideUrl,
        @DefaultValue("120s") Duration upstreamTimeout,
        @DefaultValue("8388608") int maxRequestBytes,
        @DefaultValue("http://127.0.0.1:8080") String querySideUrl,
        @DefaultValue("50ms") Duration recordingLinger,
        @DefaultValue("") String turnBacklogFile) {}
