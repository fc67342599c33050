package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import io.lyss.orchestrator.memory.MemoryRecall;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.pricing.PricingProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the workflow engine adds to a request, without any I/O: the same instant "answer" produced directly, then
 * through {@code start -> memory -> cache -> llm -> end} with memory and cache skipped, then with both configured
 * (answering "nothing found"). Prints nanoseconds per request and the overhead against the direct call, measured
 * in the same run. Not a test: run it with the command in docs/benchmarks.md.
 */
public final class WorkflowOverheadBenchmark {

    private static final int WARMUP = 200_000;
    private static final int ROUNDS = 1_000_000;
    private static final UpstreamOutcome ANSWER =
            new UpstreamOutcome("ch_1", "Hello", "stop", new TokenCounts(10, 2, 0, false), 1);

    public static void main(String[] args) {
        PriceTable prices = new PriceTable(new PricingProperties("bench", "USD", Map.of()));
        MemoryRecall noMemories = (workspace, user, query, limit) -> List.of();
        AnswerCache noHits = lookup -> Optional.empty();
        ChatWorkflow bare = workflow(null, null, prices);
        ChatWorkflow full = workflow(noMemories, noHits, prices);

        long direct = measure(() -> {
            var sink = new Turns.RecordingSink();
            sink.token(ANSWER.answer());
            sink.finish(ANSWER.answer(), ANSWER.finishReason(), ANSWER.usage());
            return sink.finished.length();
        });
        long skipped = measure(() -> bare.run(Turns.turn("u1"), new Turns.RecordingSink(), WorkflowListener.NONE)
                .nodes()
                .size());
        long configured = measure(() -> full.run(Turns.turn("u1"), new Turns.RecordingSink(), WorkflowListener.NONE)
                .nodes()
                .size());
        System.out.printf("direct answer:                      %6d ns/request%n", direct);
        System.out.printf("workflow, memory+cache skipped:     %6d ns/request (+%d ns)%n", skipped, skipped - direct);
        System.out.printf(
                "workflow, memory+cache configured:  %6d ns/request (+%d ns)%n", configured, configured - direct);
    }

    private static ChatWorkflow workflow(MemoryRecall memory, AnswerCache cache, PriceTable prices) {
        WorkflowNode instantLlm = new WorkflowNode() {
            @Override
            public String type() {
                return "llm";
            }

            @Override
            public String title() {
                return "LLM";
            }

            @Override
            public boolean appliesTo(RunState run) {
                return run.outcome() == null;
            }

            @Override
            public Map<String, Object> inputs(RunState run) {
                return Map.of("model", run.prompt().model());
            }

            @Override
            public NodeResult run(RunState run) {
                run.sink().token(ANSWER.answer());
                run.sink().finish(ANSWER.answer(), ANSWER.finishReason(), ANSWER.usage());
                run.answered(ANSWER);
                return new NodeResult("succeeded", null, Map.of(), Map.of("channelId", "ch_1"), 12, 0);
            }

            @Override
            public boolean essential() {
                return true;
            }
        };
        var engine = new WorkflowEngine(
                List.of(new StartNode(), new MemoryNode(memory), new CacheNode(cache), instantLlm, new EndNode()));
        return new ChatWorkflow(engine, prices, null, null);
    }

    private static long measure(java.util.function.IntSupplier request) {
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += request.getAsInt();
        }
        long started = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            sink += request.getAsInt();
        }
        long perRequest = (System.nanoTime() - started) / ROUNDS;
        if (sink == 42) {
            System.out.println("(never printed: keeps the JIT from dropping the work)");
        }
        return perRequest;
    }
}
