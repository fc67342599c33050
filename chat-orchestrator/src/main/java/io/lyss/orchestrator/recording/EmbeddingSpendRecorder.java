package io.lyss.orchestrator.recording;

import io.lyss.orchestrator.commandside.CommandSideApi;

/**
 * Reports embeddings spend to the command side, off the request path, retrying until stored (the command side
 * records a request once, so a retry never double-counts).
 */
public final class EmbeddingSpendRecorder {

    private final InternalPoster poster;

    public EmbeddingSpendRecorder(CommandSideApi commandSide) {
        this.poster = new InternalPoster(commandSide);
    }

    public void record(EmbeddingSpend spend) {
        poster.post("/internal/v1/embedding-spends", spend, "embedding spend " + spend.requestId());
    }
}
