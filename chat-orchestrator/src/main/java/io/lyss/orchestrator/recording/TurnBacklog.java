package io.lyss.orchestrator.recording;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turns waiting to be reported, encrypted, in one ring of a {@link BacklogFile} mapped into memory once. While
 * the recording lags behind a burst, tens of thousands of turns wait; on the heap each was copied by young
 * collections until promoted, and the old generation they filled set off concurrent marking and mixed collections
 * (docs/benchmarks.md, stop 15). Off the heap they cost the collector nothing, and the bound is exact. In a kept
 * file they outlive the process: the turns a dead process left are taken first (ADR 0042).
 *
 * <p>Each turn is a record {@code [int length][int run][ciphertext]} at a position that only grows; its place in the
 * ring is that position modulo the ring's size. A record never wraps: when it does not fit before the ring's end,
 * the rest of the lap is skipped (marked with length -1 when there is room for the mark). Many threads append; one
 * sender takes the oldest turns and releases them once they are stored, and their bytes are zeroed. A turn that
 * cannot get room waits; those that arrive while one waits queue behind it, so a large turn is not overtaken for
 * ever by small ones.
 */
final class TurnBacklog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TurnBacklog.class);
    private static final int RECORD_HEADER = 2 * Integer.BYTES;
    private static final int SKIP_TO_NEXT_LAP = -1;
    /**
     * The most bytes of turns a batch takes (it takes one turn, however large). A batch is sent as one request body
     * that the command side reads into one array; under a quarter of a G1 region (1 MiB at the platform's 1 GiB
     * heap) neither is a humongous object, each of which set off a concurrent marking (ADR 0048).
     */
    static final int BATCH_BYTES = 256 * 1024;

    private static final byte[] ZEROS = new byte[64 * 1024];

    /**
     * Turns taken by the sender: the JSON of those that opened, how many records were taken, and the position where
     * the next one starts.
     */
    record Batch(List<byte[]> turns, int records, long end) {}

    private final BacklogFile file;
    private final ByteBuffer ring;
    private final int size;
    private final RecordCipher sealing; // under the lock
    private final RecordCipher opening; // by the one sender
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Condition released = lock.newCondition();
    private long head; // where the next turn goes
    private long tail; // where the oldest turn not yet stored starts
    private int waiting; // turns between tail and head
    private int writersWaiting;
    private int flushesWaiting;

    /** A backlog in a temporary file: its turns do not survive the process. */
    TurnBacklog(int sizeBytes) {
        this(BacklogFile.temporary(sizeBytes));
    }

    TurnBacklog(BacklogFile file) {
        this.file = file;
        this.ring = file.ring();
        this.size = file.ringBytes();
        this.sealing = new RecordCipher(file.key());
        this.opening = new RecordCipher(file.key());
        this.tail = file.tail();
        this.head = file.head();
        this.waiting = countLeft();
        if (waiting > 0) {
            LOG.info("{} turns left by a previous process in {} are recorded first", waiting, file.keptAt());
        }
    }

    /** Counts the records a previous process left between tail and head; a damaged one ends them. */
    private int countLeft() {
        int count = 0;
        long position = tail;
        while (position < head) {
            int at = place(position);
            int length = size - at < RECORD_HEADER ? SKIP_TO_NEXT_LAP : ring.getInt(at);
            if (length == SKIP_TO_NEXT_LAP) {
                position += size - at;
                continue;
            }
            if (length <= RecordCipher.OVERHEAD
                    || at + RECORD_HEADER + (long) length > size
                    || position + RECORD_HEADER + length > head) {
                LOG.error(
                        "The backlog of turns in {} is damaged at {}: the turns after it are lost",
                        file.keptAt(),
                        position);
                head = position;
                file.storeHead(head);
                break;
            }
            position += RECORD_HEADER + length;
            count++;
        }
        return count;
    }

    /** Whether a turn of this many bytes can ever have room (one larger than the ring cannot). */
    boolean fits(int jsonBytes) {
        return recordBytes(jsonBytes) <= size;
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
        int needed = (int) recordBytes(json.length);
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
     * The oldest turns, at most {@code max} and at most {@value #BATCH_BYTES} bytes of them: waits up to
     * {@code firstWait} for one, then up to {@code linger} for more unless the batch is full or someone waits for a
     * flush. Null when none came.
     */
    Batch take(int max, Duration firstWait, Duration linger) throws InterruptedException {
        long from;
        int count;
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
            from = tail;
            count = Math.min(max, waiting);
        } finally {
            lock.unlock();
        }
        return read(from, count); // outside the lock: these records are the sender's until released
    }

    /** Frees the room of a batch the sender is done with; its bytes are zeroed first. */
    void release(Batch batch) {
        zero(tail, batch.end());
        lock.lock();
        try {
            waiting -= batch.records();
            tail = batch.end();
            file.storeTail(tail);
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
        if (skipped >= Integer.BYTES) {
            ring.putInt(place(head), SKIP_TO_NEXT_LAP);
        }
        head += skipped;
        int at = place(head);
        ring.putInt(at, needed - RECORD_HEADER);
        ring.putInt(at + Integer.BYTES, file.run());
        sealing.encrypt(json, file.run(), head, ring.slice(at + RECORD_HEADER, needed - RECORD_HEADER));
        head += needed;
        file.storeHead(head); // after the record is whole: a process that dies now leaves it
        waiting++;
    }

    /**
     * Up to {@code count} records from {@code position}, as many as fit in {@value #BATCH_BYTES} bytes (at least
     * one). A record that does not open (damaged in the file a previous process left) is logged and left out; it is
     * released with the others.
     */
    private Batch read(long position, int count) {
        List<byte[]> turns = new ArrayList<>(count);
        int taken = 0;
        long bytes = 0;
        while (taken < count) {
            int at = place(position);
            int length = size - at < RECORD_HEADER ? SKIP_TO_NEXT_LAP : ring.getInt(at);
            if (length == SKIP_TO_NEXT_LAP) {
                position += size - at;
                continue;
            }
            if (taken > 0 && bytes + length > BATCH_BYTES) {
                break;
            }
            taken++;
            bytes += length;
            int run = ring.getInt(at + Integer.BYTES);
            byte[] json = opening.decrypt(ring.slice(at + RECORD_HEADER, length), run, position);
            if (json == null) {
                LOG.error("A turn in the backlog {} does not open and is lost (at {})", file.keptAt(), position);
            } else {
                turns.add(json);
            }
            position += RECORD_HEADER + length;
        }
        return new Batch(turns, taken, position);
    }

    /** Overwrites the records between two positions with zeros: no trace of a stored turn stays in the file. */
    private void zero(long from, long to) {
        long position = from;
        while (position < to) {
            int at = place(position);
            int bytes = (int) Math.min(Math.min(to - position, size - at), ZEROS.length);
            ring.put(at, ZEROS, 0, bytes);
            position += bytes;
        }
    }

    /** Bytes a turn of {@code jsonBytes} takes in the ring. */
    private static long recordBytes(int jsonBytes) {
        return RECORD_HEADER + RecordCipher.OVERHEAD + (long) jsonBytes;
    }

    /** Gives the file up: see {@link BacklogFile#close()}. */
    @Override
    public void close() {
        lock.lock();
        try {
            file.close();
        } finally {
            lock.unlock();
        }
    }

    private int place(long position) {
        return (int) (position % size);
    }
}
