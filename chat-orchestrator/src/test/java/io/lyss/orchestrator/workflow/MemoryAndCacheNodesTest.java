package io.lyss.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.memory.RecalledMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryAndCacheNodesTest {

    @Test
    void memoriesReplaceTheOldHistoryButKeepInstructionsAndTheLastTurns() {
        List<PromptMessage> history = new ArrayList<>();
        history.add(new PromptMessage("system", "Be brief."));
        for (int turn = 1; turn <= 10; turn++) {
            history.add(new PromptMessage("user", "q" + turn));
            history.add(new PromptMessage("assistant", "a" + turn));
        }
        history.add(new PromptMessage("user", "Where do I live?"));
        var run = new RunState(Turns.turn("alice", history), new Turns.RecordingSink());
        var node = new MemoryNode((workspace, user, query, limit) -> List.of(
                new RecalledMemory("mem_1", "Lives in Lyon.", 0.9), new RecalledMemory("mem_2", "Likes tea.", 0.7)));

        NodeResult result = node.run(run);

        List<PromptMessage> sent = run.prompt().messages();
        assertThat(sent.getFirst()).isEqualTo(new PromptMessage("system", "Be brief."));
        assertThat(sent.get(1).role()).isEqualTo("system");
        assertThat(sent.get(1).text()).contains("Lives in Lyon.", "Likes tea.");
        assertThat(sent.subList(2, sent.size()))
                .extracting(PromptMessage::text)
                .containsExactly("q8", "a8", "q9", "a9", "q10", "a10", "Where do I live?");
        assertThat(result.detail()).containsEntry("memoryIds", "mem_1,mem_2");
        assertThat(result.outputs().get("memory_ids")).isEqualTo(List.of("mem_1", "mem_2"));
    }

    @Test
    void withoutMemoriesTheWholeHistoryIsSent() {
        var run = new RunState(Turns.turn("alice"), new Turns.RecordingSink());

        new MemoryNode((workspace, user, query, limit) -> List.of()).run(run);

        assertThat(run.prompt().messages())
                .isEqualTo(Turns.turn("alice").prompt().messages());
    }

    @Test
    void theMemoryNodeNeedsARecallAndAnEndUser() {
        MemoryNode node = new MemoryNode((workspace, user, query, limit) -> List.of());
        assertThat(node.appliesTo(new RunState(Turns.turn(null), new Turns.RecordingSink())))
                .isFalse();
        assertThat(node.appliesTo(new RunState(Turns.turn("bob"), new Turns.RecordingSink())))
                .isTrue();
        assertThat(new MemoryNode(null).appliesTo(new RunState(Turns.turn("bob"), new Turns.RecordingSink())))
                .isFalse();
    }

    @Test
    void aCacheHitAnswersTheClientAndLeavesNothingForTheLlm() {
        var sink = new Turns.RecordingSink();
        var run = new RunState(Turns.turn("bob"), sink);
        var cached = new CachedAnswer("semantic", "turn_0", "Lyon.", "stop", 10, 2, 30, 0.97);

        NodeResult result = new CacheNode(lookup -> Optional.of(cached)).run(run);

        assertThat(sink.tokens).containsExactly("Lyon.");
        assertThat(sink.finished).isEqualTo("Lyon.");
        assertThat(sink.usage.prompt()).isEqualTo(10);
        assertThat(run.cachedAnswer()).isSameAs(cached);
        assertThat(run.outcome().channelId()).isEqualTo("cache");
        assertThat(result.detail()).containsEntry("kind", "semantic").containsEntry("savedCostMicros", "30");
        assertThat(result.totalTokens()).isZero();
    }

    @Test
    void aCacheMissLeavesTheAnswerToTheLlm() {
        var sink = new Turns.RecordingSink();
        var run = new RunState(Turns.turn("bob"), sink);

        NodeResult result = new CacheNode(lookup -> Optional.empty()).run(run);

        assertThat(run.outcome()).isNull();
        assertThat(sink.tokens).isEmpty();
        assertThat(result.outputs()).containsEntry("hit", false);
    }
}
