package io.lyss.orchestrator.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.commandside.CommandSideApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports finished turns to the command side off the request path, in batches ({@link TurnBatchSender}): one
 * sender takes the turns that arrive within a short linger after the first one (and every turn waiting when it is
 * free), up to {@value #MAX_BATCH} (and {@link TurnBacklog#BATCH_BYTES} bytes), so the command side's per-call and
 * per-commit cost is paid once per batch rather than once per turn. A turn waits as its JSON, serialised on the
 * request's thread, in an off-heap {@link TurnBacklog} of {@value #BYTES_BUDGET} bytes: while the recording lags
 * behind a burst, what waits costs the garbage collector nothing (docs/benchmarks.md, stop 15). In a kept {@link
 * BacklogFile} the turns waiting outlive the process, and those a previous process left are reported first (ADR
 * 0042). The command side de-duplicates by turn id, so a retried batch (or one sent again after a crash) never
 * double-counts; {@link #flush} waits until every turn taken so far is stored (a change to a conversation must find
 * its turns); closing waits a bounded time for the turns still waiting.
 */
public final class TurnRecorder implements AutoCloseable {

    static final int MAX_BATCH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(TurnRecorder.class);
    /**
     * Bytes of JSON that turns waiting to be reported may hold, off the heap: about 200,000 turns of the benchmark's
     * size (2.4 KB each), half a minute of a burst at 6,000 requests/s.
     */
    public static final int BYTES_BUDGET = 512 * 1024 * 1024;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);
    private static final Duration FULL_WAIT = Duration.ofSeconds(30);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration INTERRUPTED_WAIT = Duration.ofSeconds(5);

    private final TurnBatchSender sender;
    private final TurnBacklog backlog;
    private final Duration linger;
    private final Path keptAt;
    private final Duration closeWait;
    private final Thread thread;
    private volatile boolean closing;

    /** A recorder whose waiting turns are in {@code backlog} (see {@link BacklogFile#kept}). */
    public TurnRecorder(CommandSideApi commandSide, ObjectMapper json, Duration linger, BacklogFile backlog) {
        this(commandSide, json, linger, backlog, CLOSE_WAIT);
    }

    TurnRecorder(
            CommandSideApi commandSide, ObjectMapper json, Duration linger, BacklogFile backlog, Duration closeWait) {
        this.backlog = new TurnBacklog(backlog);
        this.keptAt = backlog.keptAt();
        this.closeWait = closeWait;
        this.sender = new TurnBatchSender(new InternalPoster(commandSide), json, closeWait);
        this.linger = linger;
        this.thread = Thread.ofPlatform()
                .daemon()
                .priority(Thread.MIN_PRIORITY) // reporting yields the CPU to requests (ADR 0036)
                .name("lyss-turn-recorder")
                .start(this::sendUntilClosed);
    }

    /**
     * Takes a turn to report, serialised on the caller's thread. When the backlog has no room for it (the command
     * side is down or slower than the traffic), the caller waits up to {@code FULL_WAIT} for room: back-pressure on
     * the request that produced the turn, rather than a turn silently dropped or a heap exhausted. A turn larger
     * than the whole backlog is sent alone by the caller once the turns before it are stored.
     */
    public void record(FinishedTurn turn) {
        byte[] json = sender.serialise(turn);
        try {
            if (closing) {
                LOG.error("Turn {} is not recorded: the recorder is closed", turn.turnId());
            } else if (!backlog.fits(json.length)) {
                recordAlone(turn, json);
            } else if (!backlog.append(json, FULL_WAIT)) {
                LOG.error("Turn {} is not recorded: the recorder stayed full for {}", turn.turnId(), FULL_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Turn {} is not recorded: interrupted while waiting for room", turn.turnId());
        }
    }

    private void recordAlone(FinishedTurn turn, byte[] json) throws InterruptedException {
        if (!backlog.awaitReleased(FULL_WAIT)) {
            LOG.error(
                    "Turn {} is not recorded: the turns before it were not stored within {}", turn.turnId(), FULL_WAIT);
            return;
        }
        long patientUntil = System.nanoTime() + FULL_WAIT.toNanos();
        // the request waits for this one: retried for FULL_WAIT, then for the sender's closing wait at most
        if (!sender.deliver(List.of(json), () -> closing || System.nanoTime() > patientUntil)) {
            LOG.error("Turn {} is not recorded: the command side did not store it in time", turn.turnId());
        }
    }

    /** Waits (at most {@code timeout}) until every turn taken before this call is stored; false if it was not. */
    public boolean flush(Duration timeout) {
        try {
            return backlog.awaitReleased(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops taking turns and waits (a bounded time) until those already taken are stored. Turns still waiting then
     * stay in a kept file for the next process; with a temporary one they are lost.
     */
    @Override
    public void close() {
        closing = true;
        try {
            if (!thread.join(closeWait)) {
                thread.interrupt();
                thread.join(INTERRUPTED_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = backlog.waiting();
        if (left > 0 && keptAt != null) {
            LOG.warn("{} turns were not recorded before shutdown; they wait in {} for the next start", left, keptAt);
        } else if (left > 0) {
            LOG.error("{} turns were not recorded before shutdown", left);
        }
        backlog.close();
    }

    private void sendUntilClosed() {
        try {
            while (!closing || backlog.waiting() > 0) {
                TurnBacklog.Batch batch = backlog.take(MAX_BATCH, IDLE_POLL, closing ? Duration.ZERO : linger);
                if (batch == null) {
                    continue;
                }
                if (!deliver(batch)) {
                    return; // shutting down: the batch stays in the backlog
                }
                backlog.release(batch);
            }
        } catch (InterruptedException e) {
            // closing: what is left stays in the backlog
        }
    }

    /** False when the recorder closed before the batch was stored; a batch that cannot be sent at all is dropped. */
    private boolean deliver(TurnBacklog.Batch batch) throws InterruptedException {
        if (batch.turns().isEmpty()) {
            return true; // every record of it was damaged (logged when read)
        }
        try {
            return sender.deliver(batch.turns(), () -> closing);
        } catch (RuntimeException e) {
            LOG.error("A batch of {} turns could not be sent and is dropped: {}", batch.records(), e.toString());
            return true;
        }
    }
}
