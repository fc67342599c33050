package io.lyss.orchestrator.chat;

import io.lyss.orchestrator.openai.OpenAiError;

/** Where an answer goes as it arrives: the client-facing protocol writer. */
public interface AnswerSink {

    /** Delivers a piece of the answer; false when the client has gone away. */
    boolean token(String text);

    /** True once anything reached the client: from then on the request can no longer move to another channel. */
    boolean started();

    /** The answer is complete. */
    void finish(String text, String finishReason, TokenCounts usage);

    /** The answer failed after it started. */
    void fail(OpenAiError error);

    /**
     * Delivers a piece of a tool call the model is making, in OpenAI's streaming shape: the first piece of call
     * {@code index} carries its {@code id} and {@code name}, later pieces only more of its JSON {@code arguments}
     * (null id and name). False when the client has gone away. Clients that cannot take tool calls ignore them.
     */
    default boolean toolCall(int index, String id, String name, String argumentsPiece) {
        return true;
    }

    /** Called before the first token when the answer comes from the cache ({@code exact} or {@code semantic}). */
    default void fromCache(String kind) {}
}
