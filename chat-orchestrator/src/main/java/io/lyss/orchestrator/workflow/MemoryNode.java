package io.lyss.orchestrator.workflow;

import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.memory.MemoryRecall;
import io.lyss.orchestrator.memory.RecalledMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recalls what Lyss remembers about the end user. When it finds memories, the prompt becomes the client's
 * instructions, the memories as one system message, and only the last few turns instead of the whole history.
 */
final class MemoryNode implements WorkflowNode {

    static final int MEMORY_LIMIT = 5;
    static final int KEPT_TURNS = 3;

    private final MemoryRecall recall;

    MemoryNode(MemoryRecall recall) {
        this.recall = recall;
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public String title() {
        return "Memory";
    }

    @Override
    public boolean appliesTo(RunState run) {
        return recall != null && run.turn().endUserId() != null;
    }

    @Override
    public Map<String, Object> inputs(RunState run) {
        return Map.of("query", run.turn().question(), "user", run.turn().endUserId());
    }

    @Override
    public NodeResult run(RunState run) {
        ChatTurn turn = run.turn();
        List<RecalledMemory> memories =
                recall.recall(turn.grant().workspaceId(), turn.endUserId(), turn.question(), MEMORY_LIMIT);
        if (memories.isEmpty()) {
            return NodeResult.succeeded(Map.of("memory_ids", List.of()), Map.of("memoryIds", ""));
        }
        List<PromptMessage> before = run.prompt().messages();
        List<PromptMessage> after = withMemories(before, memories);
        run.replaceMessages(after);
        List<String> ids = memories.stream().map(RecalledMemory::id).toList();
        return NodeResult.succeeded(
                Map.of("memory_ids", ids, "messages_sent", after.size(), "messages_replaced", before.size()),
                Map.of(
                        "memoryIds",
                        String.join(",", ids),
                        "messagesBefore",
                        Integer.toString(before.size()),
                        "messagesAfter",
                        Integer.toString(after.size())));
    }

    /** The client's instructions, then the memories, then the last {@link #KEPT_TURNS} turns and the question. */
    static List<PromptMessage> withMemories(List<PromptMessage> messages, List<RecalledMemory> memories) {
        List<PromptMessage> instructions = new ArrayList<>();
        List<PromptMessage> dialogue = new ArrayList<>();
        for (PromptMessage message : messages) {
            boolean instruction = "system".equals(message.role()) || "developer".equals(message.role());
            (instruction ? instructions : dialogue).add(message);
        }
        StringBuilder recalled = new StringBuilder("What you remember about this user, most relevant first:");
        memories.forEach(memory -> recalled.append("\n- ").append(memory.text()));
        List<PromptMessage> prompt = new ArrayList<>(instructions);
        prompt.add(new PromptMessage("system", recalled.toString()));
        int keep = Math.min(dialogue.size(), 2 * KEPT_TURNS + 1);
        prompt.addAll(dialogue.subList(dialogue.size() - keep, dialogue.size()));
        return List.copyOf(prompt);
    }

    @Override
    public boolean essential() {
        return false;
    }
}
