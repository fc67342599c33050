package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch of turns to {@code POST /internal/v1/turn-batches}, retrying with capped backoff until the
 * command side stores it; logs the turns it refused. While the recorder closes, it gives up after a bounded wait.
 */
final class TurnBatchSender {

    static final String PATH = "/internal/v1/turn-batches";

    private static final Logger LOG = LoggerFactory.getLogger(TurnBatchSender.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final byte[] OPEN = "{\"turns\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

    private final InternalPoster poster;
    private final ObjectMapper json;
    private final Duration closeWait;

    TurnBatchSender(InternalPoster poster, ObjectMapper json, Duration closeWait) {
        this.poster = poster;
        this.json = json;
        this.closeWait = closeWait;
    }

    /** A turn's JSON, as it goes in a batch. */
    byte[] serialise(FinishedTurn turn) {
        return poster.body(turn, "a turn");
    }

    /**
     * Sends the turns (each as {@link #serialise} wrote it) as one batch: {@code {"turns": [...]}}. True once the
     * command side answered for it (stored, or refused for good); false when {@code closing} and a bounded wait
     * passed without an answer.
     */
    boolean deliver(List<byte[]> batch, BooleanSupplier closing) throws InterruptedException {
        byte[] body = batchBody(batch);
        Duration backoff = FIRST_BACKOFF;
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            try {
                HttpResponse<byte[]> response = poster.send(PATH, body);
                int status = response.statusCode();
                if (status == 200) {
                    logRefused(response.body());
                    return true;
                }
                if (status / 100 == 4 && status != 429) {
                    LOG.error("The command side refused a batch of {} turns with HTTP {}", batch.size(), status);
                    return true;
                }
                LOG.warn("Recording {} turns failed with HTTP {}; retrying", batch.size(), status);
            } catch (IOException e) {
                LOG.warn(
                        "Recording {} turns failed: {}; retrying",
                        batch.size(),
                        e.getClass().getSimpleName());
            }
            if (closing.getAsBoolean() && giveUpAt == Long.MAX_VALUE) {
                giveUpAt = System.nanoTime() + closeWait.toNanos();
            }
            if (System.nanoTime() > giveUpAt) {
                return false;
            }
            Thread.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** The batch's body, written into one array of its exact size. */
    private static byte[] batchBody(List<byte[]> turns) {
        int length = OPEN.length + CLOSE.length + Math.max(0, turns.size() - 1);
        for (byte[] turn : turns) {
            length += turn.length;
        }
        byte[] body = new byte[length];
        System.arraycopy(OPEN, 0, body, 0, OPEN.length);
        int at = OPEN.length;
        for (int i = 0; i < turns.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] turn = turns.get(i);
            System.arraycopy(turn, 0, body, at, turn.length);
            at += turn.length;
        }
        System.arraycopy(CLOSE, 0, body, at, CLOSE.length);
        return body;
    }

    private void logRefused(byte[] answer) {
        try {
            for (JsonNode refused : json.readTree(answer).path("rejected")) {
                LOG.error(
                        "The command side refused turn {}: {}",
                        refused.path("turnId").asText(),
                        refused.path("reason").asText());
            }
        } catch (IOException e) {
            LOG.warn("The command side's answer to a batch of turns was not readable");
        }
    }
}
