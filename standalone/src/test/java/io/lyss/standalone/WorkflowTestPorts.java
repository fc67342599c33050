package io.lyss.standalone;

import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.cache.CacheLookup;
import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.memory.MemoryRecall;
import io.lyss.orchestrator.memory.RecalledMemory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Scripted implementations of the workflow's memory and cache ports, so that the end-to-end test can drive the
 * memory and cache nodes down both paths whatever the real adapters decide. Primary: they win over real ones.
 */
@TestConfiguration(proxyBeanMethods = false)
class WorkflowTestPorts {

    static final String REMEMBERED_USER = "alice";
    static final RecalledMemory MEMORY = new RecalledMemory("mem_lyon", "Alice lives in Lyon.", 0.91);
    static final String CACHED_QUESTION = "What did you answer before?";
    static final CachedAnswer CACHED =
            new CachedAnswer("exact", "turn_earlier", "An answer from the cache.", "stop", 11, 5, 42, 1.0);

    /** What the cache node asked. */
    static final List<CacheLookup> LOOKUPS = new CopyOnWriteArrayList<>();

    @Bean
    @Primary
    MemoryRecall scriptedMemory() {
        return (workspaceId, endUserId, query, limit) ->
                REMEMBERED_USER.equals(endUserId) ? List.of(MEMORY) : List.of();
    }

    @Bean
    @Primary
    AnswerCache scriptedCache() {
        return lookup -> {
            LOOKUPS.add(lookup);
            return CACHED_QUESTION.equals(lookup.question()) ? Optional.of(CACHED) : Optional.empty();
        };
    }
}
