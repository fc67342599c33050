package io.lyss.orchestrator.chat;

/** Tokens of one upstream call; {@code estimated} when the provider did not report them. */
public record TokenCounts(long prompt, long completion, long cached, boolean estimated) {

    public long total() {
        return prompt + completion;
    }
}
