package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports finished turns to the command side, off the request path, retrying with backoff until the turn is
 * stored (the command side de-duplicates by turn id, so a retry never double-counts).
 */
public final class TurnRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(TurnRecorder.class);
    private static final int ATTEMPTS = 8;

    private final URI endpoint;
    private final String internalToken;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    public TurnRecorder(String commandSideUrl, String internalToken, ObjectMapper json) {
        this.endpoint = URI.create(commandSideUrl.replaceAll("/+$", "") + "/internal/v1/turns");
        this.internalToken = internalToken;
        this.json = json;
    }

    public void record(FinishedTurn turn) {
        Thread.ofVirtual().name("lyss-record-" + turn.turnId()).start(() -> deliver(turn));
    }

    private void deliver(FinishedTurn turn) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + internalToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(turn)))
                .build();
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 == 2) {
                    return;
                }
                if (status / 100 == 4 && status != 429) {
                    LOG.error(
                            "The command side refused turn {} with HTTP {}; it is not recorded", turn.turnId(), status);
                    return;
                }
                LOG.warn("Recording turn {} failed with HTTP {} (attempt {})", turn.turnId(), status, attempt);
            } catch (IOException e) {
                LOG.warn(
                        "Recording turn {} failed: {} (attempt {})",
                        turn.turnId(),
                        e.getClass().getSimpleName(),
                        attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!pause(backoff)) {
                break;
            }
            backoff = backoff.multipliedBy(2);
        }
        LOG.error(
                "Turn {} of workspace {} could not be recorded after {} attempts",
                turn.turnId(),
                turn.workspaceId(),
                ATTEMPTS);
    }

    private byte[] body(FinishedTurn turn) {
        try {
            return json.writeValueAsBytes(turn);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize turn " + turn.turnId(), e);
        }
    }

    private static boolean pause(Duration backoff) {
        try {
            Thread.sleep(backoff);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
