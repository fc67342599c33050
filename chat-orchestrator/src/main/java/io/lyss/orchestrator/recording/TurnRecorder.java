package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.commandside.CommandSideApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports finished turns to the command side off the request path, in batches ({@link TurnBatchSender}): one
 * sender takes the turns that arrive within a short linger after the first one (and every turn waiting when it is
 * free), up to {@value #MAX_BATCH}, so the command side's per-call and per-commit cost is paid once per batch
 * rather than once per turn. A turn waits as its JSON, one array: while the recording lags behind a burst, every
 * young collection copies what waits, and an array costs it far less than the turn's graph of objects
 * (docs/benchmarks.md, stop 14). The command side de-duplicates by turn id, so a retried batch never double-counts;
 * {@link #flush} waits until every turn taken so far is stored (a change to a conversation must find its turns);
 * closing waits for the turns still waiting.
 */
public final class TurnRecorder implements AutoCloseable {

    static final int MAX_BATCH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(TurnRecorder.class);
    private static final int CAPACITY = 100_000;
    /** Bytes of JSON that turns waiting to be reported may hold: the backlog is bounded in memory too. */
    static final int BYTES_BUDGET = 128 * 1024 * 1024;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);
    private static final Duration FULL_WAIT = Duration.ofSeconds(30);

    /** What waits for the sender: a turn, or a flush waiting for the turns taken before it. */
    private sealed interface Pending {}

    private record Turn(byte[] json) implements Pending {}

    private record Flush(CountDownLatch done) implements Pending {}

    private final TurnBatchSender sender;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>(CAPACITY);
    private final Duration linger;
    private final int bytesBudget;
    private final Semaphore room;
    private final Thread thread;
    private volatile boolean closing;

    public TurnRecorder(CommandSideApi commandSide, ObjectMapper json, Duration linger) {
        this(commandSide, json, linger, BYTES_BUDGET);
    }

    TurnRecorder(CommandSideApi commandSide, ObjectMapper json, Duration linger, int bytesBudget) {
        this.bytesBudget = bytesBudget;
        this.room = new Semaphore(bytesBudget, true); // fair: a large turn is not overtaken for ever by small ones
        this.sender = new TurnBatchSender(new InternalPoster(commandSide), json, CLOSE_WAIT);
        this.linger = linger;
        this.thread = Thread.ofPlatform()
                .daemon()
                .priority(Thread.MIN_PRIORITY) // reporting yields the CPU to requests (ADR 0036)
                .name("lyss-turn-recorder")
                .start(this::sendUntilClosed);
    }

    /**
     * Takes a turn to report, serialised on the caller's thread. When {@value #CAPACITY} turns, or
     * {@value #BYTES_BUDGET} bytes of their JSON, already wait (the command side is down or slower than the
     * traffic), the caller waits up to {@code FULL_WAIT} for room: back-pressure on the request that produced the
     * turn, rather than a turn silently dropped or a heap exhausted.
     */
    public void record(FinishedTurn turn) {
        byte[] json = sender.serialise(turn);
        int bytes = roomFor(json);
        if (!takeRoom(bytes)) {
            LOG.error("Turn {} is not recorded: the recorder is closed or full", turn.turnId());
            return;
        }
        if (!enqueue(new Turn(json))) {
            room.release(bytes);
            LOG.error("Turn {} is not recorded: the recorder is closed or {} turns wait", turn.turnId(), CAPACITY);
        }
    }

    /** The budget a waiting turn takes: its JSON's bytes, or the whole budget for a turn larger than it. */
    private int roomFor(byte[] json) {
        return Math.min(bytesBudget, json.length);
    }

    private boolean takeRoom(int bytes) {
        try {
            return !closing && room.tryAcquire(bytes, FULL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits (at most {@code timeout}) until every turn taken before this call is stored; false if it was not. */
    public boolean flush(Duration timeout) {
        var flush = new Flush(new CountDownLatch(1));
        try {
            return enqueue(flush) && flush.done().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking turns and waits (a bounded time) until those already taken are stored. */
    @Override
    public void close() {
        closing = true;
        try {
            if (!thread.join(CLOSE_WAIT)) {
                LOG.error("{} turns were not recorded before shutdown", waiting.size());
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean enqueue(Pending pending) {
        try {
            return !closing && waiting.offer(pending, FULL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void sendUntilClosed() {
        List<Pending> taken = new ArrayList<>(MAX_BATCH);
        try {
            while (!closing || !waiting.isEmpty()) {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                gather(taken);
                List<Turn> turns = taken.stream()
                        .filter(Turn.class::isInstance)
                        .map(Turn.class::cast)
                        .toList();
                if (!turns.isEmpty()) {
                    try {
                        sender.deliver(turns.stream().map(Turn::json).toList(), () -> closing);
                    } finally {
                        room.release(turns.stream()
                                .mapToInt(turn -> roomFor(turn.json()))
                                .sum());
                    }
                }
                taken.stream()
                        .filter(Flush.class::isInstance)
                        .forEach(pending -> ((Flush) pending).done().countDown());
                taken.clear();
            }
        } catch (InterruptedException e) {
            LOG.error("Interrupted with {} turns not recorded", taken.size() + waiting.size());
        }
    }

    /**
     * Adds what arrives within the linger; stops waiting once the batch is full, when closing, or when someone
     * waits for a flush.
     */
    private void gather(List<Pending> taken) throws InterruptedException {
        long until = System.nanoTime() + linger.toNanos();
        waiting.drainTo(taken, MAX_BATCH - taken.size());
        long left;
        while (taken.size() < MAX_BATCH
                && !closing
                && taken.stream().noneMatch(Flush.class::isInstance)
                && (left = until - System.nanoTime()) > 0) {
            Pending next = waiting.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            taken.add(next);
            waiting.drainTo(taken, MAX_BATCH - taken.size());
        }
    }
}
