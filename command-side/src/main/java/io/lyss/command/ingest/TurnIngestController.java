package io.lyss.command.ingest;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators report a finished turn. Answers once the turn's events are stored, so a 204 means
 * durable; reporting the same turn again is harmless. The question and answer never reach the log in plain text
 * ({@link TurnSealer}, ADR 0026). Guarded by the internal bearer token. Orchestrators report in batches
 * ({@link TurnBatchIngestController}); this single-turn form stays for other reporters.
 */
@RestController
class TurnIngestController {

    private final TurnBatchRecorder recorder;

    TurnIngestController(TurnBatchRecorder recorder) {
        this.recorder = recorder;
    }

    @PostMapping("/internal/v1/turns")
    ResponseEntity<Void> record(@Valid @RequestBody TurnReport turn) {
        recorder.recordOne(turn);
        return ResponseEntity.noContent().build();
    }
}
