package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reports finished turns to the command side ({@code POST /internal/v1/turns}), off the request path, retrying
 * with backoff until the turn is stored (the command side de-duplicates by turn id, so a retry never
 * double-counts).
 */
public final class TurnRecorder {

    private final InternalPoster poster;

    public TurnRecorder(String commandSideUrl, String internalToken, ObjectMapper json) {
        this.poster = new InternalPoster(commandSideUrl, internalToken, json);
    }

    public void record(FinishedTurn turn) {
        poster.post("/internal/v1/turns", turn, "turn " + turn.turnId());
    }
}
