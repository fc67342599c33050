package io.lyss.orchestrator.chat;

import io.lyss.orchestrator.openai.OpenAiError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An OpenAI streaming client as the relay sees it, remembering every chunk it was sent. */
final class RecordingSink implements OpenAiRelaySink {

    final List<String> chunks = new CopyOnWriteArrayList<>();
    volatile boolean done;
    volatile OpenAiError failure;
    private final boolean wantsUsage;
    private final int leavesAfter;

    RecordingSink(boolean wantsUsage) {
        this(wantsUsage, Integer.MAX_VALUE);
    }

    /** A client that goes away once it has received {@code leavesAfter} chunks. */
    RecordingSink(boolean wantsUsage, int leavesAfter) {
        this.wantsUsage = wantsUsage;
        this.leavesAfter = leavesAfter;
    }

    @Override
    public boolean wantsUsage() {
        return wantsUsage;
    }

    @Override
    public boolean relayChunk(String chunkJson) {
        if (chunks.size() >= leavesAfter) {
            return false;
        }
        chunks.add(chunkJson);
        return true;
    }

    @Override
    public void relayDone() {
        done = true;
    }

    @Override
    public void relayCompletion(byte[] completionJson) {
        chunks.add(new String(completionJson, StandardCharsets.UTF_8));
        done = true;
    }

    @Override
    public boolean token(String text) {
        chunks.add(text);
        return true;
    }

    @Override
    public boolean started() {
        return !chunks.isEmpty();
    }

    @Override
    public void finish(String text, String finishReason, TokenCounts usage) {
        done = true;
    }

    @Override
    public void fail(OpenAiError error) {
        failure = error;
    }
}
