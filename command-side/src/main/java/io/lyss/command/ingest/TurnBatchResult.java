package io.lyss.command.ingest;

import java.util.List;

/**
 * What became of a batch of turn reports: how many were stored, and which were refused and why (an invalid
 * report, or one its conversation refused). A refused turn is not retried by the orchestrator.
 */
record TurnBatchResult(int recorded, List<RejectedTurn> rejected) {

    record RejectedTurn(String turnId, String reason) {}
}
