package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reports embeddings spend to the command side, off the request path, retrying until stored (the command side
 * records a request once, so a retry never double-counts).
 */
public final class EmbeddingSpendRecorder {

    private final InternalPoster poster;

    public EmbeddingSpendRecorder(String commandSideUrl, String internalToken, ObjectMapper json) {
        this.poster = new InternalPoster(commandSideUrl, internalToken, json);
    }

    public void record(EmbeddingSpend spend) {
        poster.post("/internal/v1/embedding-spends", spend, "embedding spend " + spend.requestId());
    }
}
