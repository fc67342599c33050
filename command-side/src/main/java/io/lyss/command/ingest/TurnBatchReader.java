package io.lyss.command.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads the body of a batch of turn reports ({@code {"turns":[...]}}) and checks each report. It runs on the
 * recorder's low-priority threads, not on the request's: reading a batch (its JSON, the timestamps of every
 * workflow node) is recording work, and recording yields the CPU to the requests being answered (ADR 0036).
 */
@Component
class TurnBatchReader {

    static final int MAX_TURNS = 1_000;

    private final ObjectReader batchReader;
    private final Validator validator;

    TurnBatchReader(ObjectMapper json, Validator validator) {
        this.batchReader = json.readerFor(TurnBatch.class);
        this.validator = validator;
    }

    /** The JSON form of a batch. */
    record TurnBatch(List<TurnReport> turns) {}

    /**
     * A batch read: how many reports it carried, the valid ones, and the ones refused with why.
     *
     * @param size every entry of the batch, valid or not
     */
    record ReadBatch(int size, List<TurnReport> valid, List<TurnBatchResult.RejectedTurn> rejected) {}

    /** Reads and checks a batch; a body that is not a batch, or a batch too large, is refused as a whole. */
    ReadBatch read(byte[] body) {
        TurnBatch batch;
        try {
            batch = batchReader.readValue(body);
        } catch (IOException e) {
            // Jackson's message may quote the body, which carries questions and answers: it is not repeated.
            throw new RefusedTurnBatch(HttpStatus.BAD_REQUEST, "The body is not a batch of turns: {\"turns\":[...]}.");
        }
        List<TurnReport> turns = batch == null || batch.turns() == null ? List.of() : batch.turns();
        if (turns.size() > MAX_TURNS) {
            throw new RefusedTurnBatch(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "A batch carries at most " + MAX_TURNS + " turns; this one carries " + turns.size() + ".");
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
        return new ReadBatch(turns.size(), valid, rejected);
    }

    private static String describe(Set<ConstraintViolation<TurnReport>> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .collect(Collectors.joining("; "));
    }

    /** A batch refused as a whole, with the status and the words of its problem. */
    static final class RefusedTurnBatch extends RuntimeException {

        private final HttpStatus status;

        RefusedTurnBatch(HttpStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        HttpStatus status() {
            return status;
        }
    }
}
