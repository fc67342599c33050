package io.lyss.command.ingest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where chat orchestrators report their finished turns, many at a time ({@code POST /internal/v1/turn-batches},
 * body {@code {"turns":[...]}}, each turn as for {@code /internal/v1/turns}). Answers once the valid turns are
 * stored, with the ones refused; reporting a turn again is harmless. Guarded by the internal bearer token.
 */
@RestController
class TurnBatchIngestController {

    static final int MAX_TURNS = 1_000;

    private final TurnBatchRecorder recorder;
    private final Validator validator;

    TurnBatchIngestController(TurnBatchRecorder recorder, Validator validator) {
        this.recorder = recorder;
        this.validator = validator;
    }

    /** A batch of turn reports. */
    record TurnBatch(List<TurnReport> turns) {}

    @PostMapping("/internal/v1/turn-batches")
    ResponseEntity<?> record(@RequestBody TurnBatch batch) {
        List<TurnReport> turns = batch.turns() == null ? List.of() : batch.turns();
        if (turns.size() > MAX_TURNS) {
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "A batch carries at most " + MAX_TURNS + " turns; this one carries " + turns.size() + ".");
            return ResponseEntity.of(problem).build();
        }
        List<TurnReport> valid = new ArrayList<>(turns.size());
        List<TurnBatchResult.RejectedTurn> rejected = new ArrayList<>();
        for (TurnReport turn : turns) {
            if (turn == null) {
                rejected.add(new TurnBatchResult.RejectedTurn(null, "an empty entry"));
                continue;
            }
            Set<ConstraintViolation<TurnReport>> violations = validator.validate(turn);
            if (violations.isEmpty()) {
                valid.add(turn);
            } else {
                rejected.add(new TurnBatchResult.RejectedTurn(turn.turnId(), describe(violations)));
            }
        }
        rejected.addAll(recorder.record(valid));
        return ResponseEntity.ok(new TurnBatchResult(turns.size() - rejected.size(), rejected));
    }

    private static String describe(Set<ConstraintViolation<TurnReport>> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .collect(Collectors.joining("; "));
    }
}
