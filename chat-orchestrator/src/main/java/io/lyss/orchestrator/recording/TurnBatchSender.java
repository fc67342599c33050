package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private final InternalPoster poster;
    private final ObjectMapper json;
    private final Duration closeWait;

    TurnBatchSender(InternalPoster poster, ObjectMapper json, Duration closeWait) {
        this.poster = poster;
        this.json = json;
        this.closeWait = closeWait;
    }

    void deliver(List<FinishedTurn> batch, BooleanSupplier closing) throws InterruptedException {
        byte[] body = poster.body(Map.of("turns", batch), "a batch of turns");
        Duration backoff = FIRST_BACKOFF;
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            try {
                HttpResponse<byte[]> response = poster.send(PATH, body);
                int status = response.statusCode();
                if (status == 200) {
                    logRefused(response.body());
                    return;
                }
                if (status / 100 == 4 && status != 429) {
                    LOG.error("The command side refused a batch of {} turns with HTTP {}", batch.size(), status);
                    return;
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
                LOG.error("{} turns could not be recorded before shutdown", batch.size());
                return;
            }
            Thread.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
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
