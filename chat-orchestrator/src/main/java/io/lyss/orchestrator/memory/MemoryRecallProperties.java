package io.lyss.orchestrator.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the workflow's memory node finds memories ({@code lyss.orchestrator.memory.*}). Without a URL there is
 * no {@link MemoryRecall} and the memory node is skipped.
 *
 * @param url base URL of a memory projector, e.g. {@code http://127.0.0.1:8080}
 * @param timeout how long one recall may take before the chat goes on without memories
 */
@ConfigurationProperties("lyss.orchestrator.memory")
public record MemoryRecallProperties(String url, @DefaultValue("500ms") Duration timeout) {}
