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
 * Posts reports to the command side's internal API, off the request path, retrying with backoff until stored
 * (the command side de-duplicates, so a retry never double-counts).
 */
final class InternalPoster {

    private static final Logger LOG = LoggerFactory.getLogger(InternalPoster.class);
    private static final int ATTEMPTS = 8;

    private final String baseUrl;
    private final String internalToken;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    InternalPoster(String commandSideUrl, String internalToken, ObjectMapper json) {
        this.baseUrl = commandSideUrl.replaceAll("/+$", "");
        this.internalToken = internalToken;
        this.json = json;
    }

    /** Delivers in the background; {@code what} names the report in log lines (never its content). */
    void post(String path, Object report, String what) {
        byte[] body = body(report, what);
        Thread.ofVirtual().name("lyss-report-" + what).start(() -> deliver(path, body, what));
    }

    /** One attempt, on the caller's thread: the command side's answer. */
    HttpResponse<byte[]> send(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + internalToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private void deliver(String path, byte[] body, String what) {
        HttpRequest request = request(path, body);
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 == 2) {
                    return;
                }
                if (status / 100 == 4 && status != 429) {
                    LOG.error("The command side refused {} with HTTP {}; it is not recorded", what, status);
                    return;
                }
                LOG.warn("Recording {} failed with HTTP {} (attempt {})", what, status, attempt);
            } catch (IOException e) {
                LOG.warn(
                        "Recording {} failed: {} (attempt {})",
                        what,
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
        LOG.error("{} could not be recorded after {} attempts", what, ATTEMPTS);
    }

    byte[] body(Object report, String what) {
        try {
            return json.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + what, e);
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
