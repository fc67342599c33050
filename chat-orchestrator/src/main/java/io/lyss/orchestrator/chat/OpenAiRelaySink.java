package io.lyss.orchestrator.chat;

/**
 * A client speaking OpenAI's protocol, to which an OpenAI-compatible channel's answer is relayed as received
 * (ADR 0016): chunks and completions pass through byte for byte, so tool calls, {@code n} choices, logprobs and
 * fields Lyss has never heard of reach the client unchanged.
 */
public interface OpenAiRelaySink extends AnswerSink {

    /** True when the client asked for the usage chunk at the end of the stream. */
    boolean wantsUsage();

    /** Forwards one stream chunk's JSON as received; false when the client has gone away. */
    boolean relayChunk(String chunkJson);

    /** Ends a relayed stream. */
    void relayDone();

    /** Answers a non-streaming request with the upstream's completion as received. */
    void relayCompletion(byte[] completionJson);
}
