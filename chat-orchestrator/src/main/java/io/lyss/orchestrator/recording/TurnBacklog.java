package io.lyss.orchestrator.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The turns waiting to be reported, as their JSON, in one ring of off-heap memory mapped once. While the
 * recording lags behind a burst, tens of thousands of turns wait; on the heap each was copied by young collections
 * until promoted, and the old generation they filled set off concurrent marking and mixed collections
 * (docs/benchmarks.md, stop 15). Off the heap they cost the collector nothing, and the bound is exact.
 *
 * <p>Each turn is a record {@code [int length][bytes]} at a position that only grows; its place in the ring is that
 * position modulo the ring's size. A record never wraps: when it does not fit before the ring's end, the rest of the
 * lap is skipped (marked with length -1 when there is room for the mark). Many threads append; one sender takes the
 * oldest turns and releases them once they are stored. A turn that cannot get room waits; those that arrive
 * while one waits queue behind it, so a large turn is not overtaken for ever by small ones.
 */
final class TurnBacklog {

    private static final int LENGTH_BYTES = Integer.BYTES;
    private static final int SKIP_TO_NEXT_LAP = -1;

    /** Turns taken by the sender: their JSON, and the position where the next turn starts. */
    record Batch(List<byte[]> turns, long end) {}

    private final MappedByteBuffer ring;
    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Condition released = lock.newCondition();
    private long head; // where the next turn goes
    private long tail; // where the oldest turn not yet stored starts
    private int waiting; // turns between tail and head
    private int writersWaiting;
    private int flushesWaiting;

    TurnBacklog(int sizeBytes) {
        this.size = sizeBytes;
        this.ring = mapTemporaryFile(sizeBytes);
    }

    /**
     * A sparse temporary file mapped into memory and unlinked at once: its pages exist only once written (a direct
     * buffer would be zeroed, and resident, whole), the kernel can write them out under memory pressure, and nothing
     * is left behind. The turns it holds do not survive the process (ADR 0040).
     */
    private static MappedByteBuffer mapTemporaryFile(int size) {
        try {
            Path file = Files.createTempFile("lyss-turn-backlog-", ".ring");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The backlog of turns could not be mapped", e);
        }
    }

    /** Whether a turn of this many bytes can ever have room (one larger than the ring cannot). */
    boolean fits(int jsonBytes) {
        return LENGTH_BYTES + (long) jsonBytes <= size;
    }

    /**
     * Appends a turn, waiting at most {@code patience} for room; false if there was none in time.
     *
     * @throws IllegalArgumentException for a turn that does not {@link #fits fit}
     */
    boolean append(byte[] json, Duration patience) throws InterruptedException {
        if (!fits(json.length)) {
            throw new IllegalArgumentException("A turn of " + json.length + " bytes is larger than the backlog");
        }
        int needed = LENGTH_BYTES + json.length;
        long deadline = System.nanoTime() + patience.toNanos();
        lock.lock();
        try {
            boolean queued = false;
            try {
                while (!roomFor(needed) || (!queued && writersWaiting > 0)) {
                    if (!queued) {
                        queued = true;
                        writersWaiting++;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    released.awaitNanos(left);
                }
            } finally {
                if (queued) {
                    writersWaiting--;
                    released.signalAll(); // the next writer in line may fit too
                }
            }
            write(json, needed);
            appended.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest turns, at most {@code max}: waits up to {@code firstWait} for one, then up to {@code linger} for
     * more unless the batch is full or someone waits for a flush. Null when none came.
     */
    Batch take(int max, Duration firstWait, Duration linger) throws InterruptedException {
        lock.lock();
        try {
            long until = System.nanoTime() + firstWait.toNanos();
            while (waiting == 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                appended.awaitNanos(left);
            }
            long lingerUntil = System.nanoTime() + linger.toNanos();
            while (waiting < max && flushesWaiting == 0) {
                long left = lingerUntil - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                appended.awaitNanos(left);
            }
            return read(Math.min(max, waiting));
        } finally {
            lock.unlock();
        }
    }

    /** Frees the room of a batch the sender is done with. */
    void release(Batch batch) {
        lock.lock();
        try {
            waiting -= batch.turns().size();
            tail = batch.end();
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code timeout} until every turn appended before this call is released; false if not. */
    boolean awaitReleased(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long target = head;
            flushesWaiting++;
            appended.signal(); // a sender lingering for more turns sends what it has
            try {
                while (tail < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    released.awaitNanos(left);
                }
                return true;
            } finally {
                flushesWaiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    private boolean roomFor(int needed) {
        return head + skippedBefore(head, needed) + needed - tail <= size;
    }

    /** The bytes skipped at the end of the lap so that a record of {@code needed} bytes starts the next one. */
    private long skippedBefore(long position, int needed) {
        int at = place(position);
        return size - at < needed ? size - at : 0;
    }

    private void write(byte[] json, int needed) {
        long skipped = skippedBefore(head, needed);
        if (skipped >= LENGTH_BYTES) {
            ring.putInt(place(head), SKIP_TO_NEXT_LAP);
        }
        head += skipped;
        int at = place(head);
        ring.putInt(at, json.length);
        ring.put(at + LENGTH_BYTES, json);
        head += needed;
        waiting++;
    }

    private Batch read(int count) {
        List<byte[]> turns = new ArrayList<>(count);
        long position = tail;
        while (turns.size() < count) {
            int at = place(position);
            int length = size - at < LENGTH_BYTES ? SKIP_TO_NEXT_LAP : ring.getInt(at);
            if (length == SKIP_TO_NEXT_LAP) {
                position += size - at;
                continue;
            }
            byte[] json = new byte[length];
            ring.get(at + LENGTH_BYTES, json);
            turns.add(json);
            position += LENGTH_BYTES + length;
        }
        return new Batch(turns, position);
    }

    private int place(long position) {
        return (int) (position % size);
    }
}
