package io.lyss.orchestrator.recording;

import io.lyss.orchestrator.commandside.CommandSideApi;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts reports to the command side's internal API, off the request path, retrying with backoff until stored
 * (the command side de-duplicates, so a retry never double-counts).
 */
final class InternalPoster {

    private static final Logger LOG = LoggerFactory.getLogger(InternalPoster.class);
    private static final int ATTEMPTS = 8;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final CommandSideApi commandSide;

    InternalPoster(CommandSideApi commandSide) {
        this.commandSide = commandSide;
    }

    /** Delivers in the background; {@code what} names the report in log lines (never its content). */
    void post(String path, Object report, String what) {
        byte[] body = body(report, what);
        Thread.ofVirtual().name("lyss-report-" + what).start(() -> deliver(path, body, what));
    }

    /** One attempt, on the caller's thread: the command side's answer. */
    HttpResponse<byte[]> send(String path, byte[] body) throws IOException, InterruptedException {
        return commandSide.post(path, body, ANSWER_TIMEOUT);
    }

    byte[] body(Object report, String what) {
        return commandSide.body(report, what);
    }

    private void deliver(String path, byte[] body, String what) {
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = send(path, body).statusCode();
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
