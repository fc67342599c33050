package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports finished turns to the command side off the request path, in batches ({@code POST
 * /internal/v1/turn-batches}): one sender takes the turns that arrive within a short linger after the first one
 * (and every turn waiting when it is free), up to {@value #MAX_BATCH}, so the command side's per-call and
 * per-commit cost is paid once per batch rather than once per turn. A batch is retried with backoff until stored
 * (the command side de-duplicates by turn id, so a retry never double-counts); closing waits for the turns still
 * waiting.
 */
public final class TurnRecorder implements AutoCloseable {

    static final String PATH = "/internal/v1/turn-batches";
    static final int MAX_BATCH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(TurnRecorder.class);
    private static final int CAPACITY = 100_000;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);
    private static final Duration FULL_WAIT = Duration.ofSeconds(30);

    private final InternalPoster poster;
    private final ObjectMapper json;
    private final BlockingQueue<FinishedTurn> waiting = new LinkedBlockingQueue<>(CAPACITY);
    private final Duration linger;
    private final Thread sender;
    private volatile boolean closing;

    public TurnRecorder(String commandSideUrl, String internalToken, ObjectMapper json, Duration linger) {
        this.poster = new InternalPoster(commandSideUrl, internalToken, json);
        this.json = json;
        this.linger = linger;
        this.sender = Thread.ofPlatform().daemon().name("lyss-turn-recorder").start(this::sendUntilClosed);
    }

    /**
     * Takes a turn to report. When {@value #CAPACITY} turns already wait (the command side is down or slower than
     * the traffic), the caller waits up to {@code FULL_WAIT} for room: back-pressure on the request that produced
     * the turn, rather than a turn silently dropped.
     */
    public void record(FinishedTurn turn) {
        boolean taken = false;
        try {
            taken = !closing && waiting.offer(turn, FULL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!taken) {
            LOG.error("Turn {} is not recorded: the recorder is closed or {} turns wait", turn.turnId(), CAPACITY);
        }
    }

    /** Stops taking turns and waits (a bounded time) until those already taken are stored. */
    @Override
    public void close() {
        closing = true;
        try {
            if (!sender.join(CLOSE_WAIT)) {
                LOG.error("{} turns were not recorded before shutdown", waiting.size());
                sender.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendUntilClosed() {
        List<FinishedTurn> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!closing || !waiting.isEmpty()) {
                FinishedTurn first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                deliver(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            LOG.error("Interrupted with {} turns not recorded", batch.size() + waiting.size());
        }
    }

    /** Adds the turns that arrive within the linger, without waiting once the batch is full or when closing. */
    private void gather(List<FinishedTurn> batch) throws InterruptedException {
        long until = System.nanoTime() + linger.toNanos();
        waiting.drainTo(batch, MAX_BATCH - batch.size());
        long left;
        while (batch.size() < MAX_BATCH && !closing && (left = until - System.nanoTime()) > 0) {
            FinishedTurn next = waiting.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            waiting.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void deliver(List<FinishedTurn> batch) throws InterruptedException {
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
            if (closing && giveUpAt == Long.MAX_VALUE) {
                giveUpAt = System.nanoTime() + CLOSE_WAIT.toNanos();
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
