package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.cache.CacheLookup;
import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import java.util.Map;
import java.util.Optional;

/**
 * Looks the request up in the answer cache. On a hit it answers the client from the cached answer, through the
 * same sink an upstream answer would stream to, and the llm node is skipped.
 */
final class CacheNode implements WorkflowNode {

    private final AnswerCache cache;

    CacheNode(AnswerCache cache) {
        this.cache = cache;
    }

    @Override
    public String type() {
        return "cache";
    }

    @Override
    public String title() {
        return "Answer cache";
    }

    @Override
    public boolean appliesTo(RunState run) {
        return cache != null && run.turn().canonicalRequest() != null;
    }

    @Override
    public Map<String, Object> inputs(RunState run) {
        return Map.of(
                "model", run.turn().prompt().model(), "semantic", run.turn().semanticCacheAllowed());
    }

    @Override
    public NodeResult run(RunState run) {
        ChatTurn turn = run.turn();
        Optional<CachedAnswer> found = cache.lookup(new CacheLookup(
                turn.grant().workspaceId(),
                turn.grant().keyId(),
                turn.prompt().model(),
                turn.canonicalRequest(),
                turn.question(),
                turn.semanticCacheAllowed()));
        if (found.isEmpty()) {
            return NodeResult.succeeded(Map.of("hit", false), Map.of("hit", "false"));
        }
        CachedAnswer cached = found.get();
        long firstToken = System.nanoTime();
        var usage = new TokenCounts(cached.promptTokens(), cached.completionTokens(), 0, false);
        run.sink().fromCache(cached.kind());
        if (!cached.answer().isEmpty()) {
            run.sink().token(cached.answer());
        }
        run.sink().finish(cached.answer(), cached.finishReason(), usage);
        run.answeredFrom(
                cached, new UpstreamOutcome("cache", cached.answer(), cached.finishReason(), usage, firstToken));
        return NodeResult.succeeded(
                Map.of(
                        "hit", true,
                        "kind", cached.kind(),
                        "source_message_id", cached.sourceTurnId(),
                        "similarity", cached.similarity()),
                Map.of(
                        "hit", "true",
                        "kind", cached.kind(),
                        "sourceTurnId", cached.sourceTurnId(),
                        "similarity", Double.toString(cached.similarity()),
                        "savedCostMicros", Long.toString(cached.costMicros())));
    }

    @Override
    public boolean essential() {
        return false;
    }
}
