package io.lyss.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.workflow.NodeRun;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import io.lyss.orchestrator.openai.OpenAiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WorkflowEngineTest {

    private final List<String> announced = new ArrayList<>();
    private final WorkflowListener listener = new WorkflowListener() {
        @Override
        public void nodeStarted(NodeStep step) {
            announced.add("started " + step.nodeId() + " #" + step.index() + " after " + step.predecessorNodeId());
        }

        @Override
        public void nodeFinished(NodeStep step, NodeRun run, Map<String, Object> outputs) {
            announced.add("finished " + run.nodeId() + " " + run.status());
        }
    };

    @Test
    void nodesRunInOrderEachTimedAndAnnounced() {
        var engine = new WorkflowEngine(List.of(node("a", true, run -> {}), node("b", true, run -> busy(2))));

        var timeline = engine.run(state(), listener);

        assertThat(timeline.status()).isEqualTo("succeeded");
        assertThat(timeline.nodes()).extracting(NodeRun::nodeId).containsExactly("a", "b");
        assertThat(timeline.nodes()).extracting(NodeRun::index).containsExactly(1, 2);
        assertThat(timeline.nodes().get(1).elapsedMicros()).isGreaterThanOrEqualTo(2_000);
        assertThat(timeline.nodes().get(1).finishedAt())
                .isAfterOrEqualTo(timeline.nodes().get(1).startedAt());
        assertThat(announced)
                .containsExactly(
                        "started a #1 after null",
                        "finished a succeeded",
                        "started b #2 after a",
                        "finished b succeeded");
    }

    @Test
    void aNodeThatDoesNotApplyIsRecordedAsSkippedAndNotAnnounced() {
        var engine = new WorkflowEngine(
                List.of(node("a", true, run -> {}), node("b", false, run -> {}), node("c", true, run -> {})));

        var timeline = engine.run(state(), listener);

        assertThat(timeline.nodes()).extracting(NodeRun::status).containsExactly("succeeded", "skipped", "succeeded");
        assertThat(timeline.nodes().get(1).elapsedMicros()).isZero();
        assertThat(announced)
                .containsExactly(
                        "started a #1 after null",
                        "finished a succeeded",
                        "started c #3 after a",
                        "finished c succeeded");
    }

    @Test
    void aFailingOptionalNodeIsRecordedAndTheRunGoesOn() {
        var engine = new WorkflowEngine(List.of(
                node("memory", true, run -> {
                    throw new IllegalStateException("index down");
                }),
                node("llm", true, run -> {})));

        var timeline = engine.run(state(), listener);

        assertThat(timeline.status()).isEqualTo("succeeded");
        assertThat(timeline.failure()).isNull();
        assertThat(timeline.nodes().getFirst().status()).isEqualTo("failed");
        assertThat(timeline.nodes().getFirst().error()).isEqualTo("IllegalStateException");
        assertThat(timeline.nodes().get(1).status()).isEqualTo("succeeded");
    }

    @Test
    void aFailingEssentialNodeFailsTheRunAndSkipsTheRest() {
        OpenAiError unavailable = OpenAiError.upstreamUnavailable("m");
        var llm = new TestNode("llm", true, run -> {
            throw unavailable;
        });
        llm.essential = true;
        var engine = new WorkflowEngine(List.of(llm, node("end", true, run -> {})));

        var timeline = engine.run(state(), listener);

        assertThat(timeline.status()).isEqualTo("failed");
        assertThat(timeline.failure()).isSameAs(unavailable);
        assertThat(timeline.error()).contains("No provider channel could answer");
        assertThat(timeline.nodes()).extracting(NodeRun::status).containsExactly("failed", "skipped");
        assertThat(announced).containsExactly("started llm #1 after null", "finished llm failed");
    }

    @Test
    void theChatWorkflowSkipsMemoryWithoutAnEndUserAndCacheWithoutACache() {
        var answer = new UpstreamOutcome("ch_1", "Hello", "stop", new TokenCounts(3, 2, 0, false), System.nanoTime());
        var llm = new TestNode("llm", true, run -> run.answered(answer));
        llm.essential = true;
        var engine = new WorkflowEngine(
                List.of(new StartNode(), new MemoryNode(null), new CacheNode(null), llm, new EndNode()));

        var timeline = engine.run(state(), listener);

        assertThat(timeline.nodes())
                .extracting(NodeRun::nodeType)
                .containsExactly("start", "memory", "cache", "llm", "end");
        assertThat(timeline.nodes())
                .extracting(NodeRun::status)
                .containsExactly("succeeded", "skipped", "skipped", "succeeded", "succeeded");
    }

    private static RunState state() {
        return new RunState(Turns.turn("u1"), new Turns.RecordingSink());
    }

    private static TestNode node(String id, boolean applies, Consumer<RunState> work) {
        return new TestNode(id, applies, work);
    }

    private static void busy(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static final class TestNode implements WorkflowNode {
        private final String id;
        private final boolean applies;
        private final Consumer<RunState> work;
        boolean essential;

        TestNode(String id, boolean applies, Consumer<RunState> work) {
            this.id = id;
            this.applies = applies;
            this.work = work;
        }

        @Override
        public String type() {
            return id;
        }

        @Override
        public String title() {
            return id.toUpperCase();
        }

        @Override
        public boolean appliesTo(RunState run) {
            return applies;
        }

        @Override
        public Map<String, Object> inputs(RunState run) {
            return Map.of();
        }

        @Override
        public NodeResult run(RunState run) {
            work.accept(run);
            return NodeResult.succeeded(Map.of(), Map.of());
        }

        @Override
        public boolean essential() {
            return essential;
        }
    }
}
