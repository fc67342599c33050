package io.lyss.command.ingest;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators report their finished turns, many at a time ({@code POST /internal/v1/turn-batches},
 * body {@code {"turns":[...]}}, each turn as for {@code /internal/v1/turns}). Answers once the valid turns are
 * stored, with the ones refused; reporting a turn again is harmless. Guarded by the internal bearer token. The
 * body is taken as it came: the recorder reads it on its own low-priority threads.
 */
@RestController
class TurnBatchIngestController {

    private final TurnBatchRecorder recorder;

    TurnBatchIngestController(TurnBatchRecorder recorder) {
        this.recorder = recorder;
    }

    @PostMapping("/internal/v1/turn-batches")
    TurnBatchResult record(@RequestBody byte[] body) {
        return recorder.record(body);
    }

    @ExceptionHandler(TurnBatchReader.RefusedTurnBatch.class)
    ResponseEntity<ProblemDetail> refused(TurnBatchReader.RefusedTurnBatch refusal) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage()))
                .build();
    }
}
