package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.memory.MemoryRecall;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.quota.Admission;
import io.lyss.orchestrator.quota.QuotaAdmission;
import io.lyss.orchestrator.recording.TurnRecorder;
import io.lyss.orchestrator.routing.ChannelRouter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-request workflow, {@code start -> memory -> cache -> llm -> end}, for every client API. The memory node
 * runs only with a {@link MemoryRecall} and an end user, the cache node only with an {@link AnswerCache}. The run
 * and its turn are reported to the command side once the answer is complete, off the request path. Before any
 * node runs, the request is admitted against its budgets and rate limits (refused with a 429 otherwise), and what
 * it really spent upstream is settled when the run ends.
 */
public final class ChatWorkflow {

    private final WorkflowEngine engine;
    private final PriceTable prices;
    private final TurnRecorder recorder;
    private final QuotaAdmission quota;

    public ChatWorkflow(
            MemoryRecall memory,
            AnswerCache cache,
            ChannelRouter router,
            UpstreamCaller upstream,
            PriceTable prices,
            TurnRecorder recorder,
            QuotaAdmission quota) {
        this(
                new WorkflowEngine(List.of(
                        new StartNode(),
                        new MemoryNode(memory),
                        new CacheNode(cache),
                        new LlmNode(router, upstream, prices),
                        new EndNode())),
                prices,
                recorder,
                quota);
    }

    ChatWorkflow(WorkflowEngine engine, PriceTable prices, TurnRecorder recorder, QuotaAdmission quota) {
        this.engine = engine;
        this.prices = prices;
        this.recorder = recorder;
        this.quota = quota;
    }

    /**
     * Runs the workflow; the answer goes to {@code sink}, node events to {@code listener}.
     *
     * @throws io.lyss.orchestrator.openai.OpenAiError (429) when a budget or rate limit refuses the request
     */
    public WorkflowResult run(ChatTurn turn, AnswerSink sink, WorkflowListener listener) {
        if (quota == null) {
            return runAdmitted(turn, sink, listener);
        }
        UpstreamCaller.Prompt prompt = turn.prompt();
        try (Admission admission = quota.admit(
                turn.grant().workspaceId(),
                turn.grant().keyId(),
                prompt.model(),
                prompt::chargedParts, // read only when a budget or rate limit applies
                prompt.maxTokens())) {
            var capped = prompt.withMaxTokens(admission.completionTokenCap(prompt.maxTokens()));
            WorkflowResult result = runAdmitted(turn.withPrompt(capped), sink, listener);
            admission.settle(result.upstreamUsage());
            return result;
        }
    }

    private WorkflowResult runAdmitted(ChatTurn turn, AnswerSink sink, WorkflowListener listener) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        RunState state = new RunState(turn, sink);
        WorkflowEngine.Timeline timeline = engine.run(state, listener);
        long finished = System.nanoTime();
        long elapsedMicros = TimeUnit.NANOSECONDS.toMicros(finished - started);
        var result = new WorkflowResult(
                turn.runId(),
                timeline.status(),
                timeline.error(),
                startedAt,
                startedAt.plusNanos(elapsedMicros * 1000),
                elapsedMicros,
                timeline.totalTokens(),
                timeline.costMicros(),
                timeline.nodes(),
                state.outcome(),
                state.cachedAnswer(),
                timeline.failure());
        if (state.outcome() != null && recorder != null) {
            recorder.record(TurnReports.of(turn, result, prices.version(), finished));
        }
        return result;
    }
}
