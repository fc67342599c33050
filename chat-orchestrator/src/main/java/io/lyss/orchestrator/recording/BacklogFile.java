package io.lyss.orchestrator.recording;

import io.lyss.events.governance.SealedSecret;
import io.lyss.security.secrets.SecretSealer;
import io.lyss.security.secrets.SecretUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file under a {@link TurnBacklog}: a header page, then the ring, mapped into memory once. The header holds
 * where the ring's oldest waiting turn starts and where the next one goes, written as turns are appended and
 * released, and the key that encrypts the turns, sealed under the master key. Writes to a shared mapping outlive the
 * process that made them (the kernel owns the pages), so a file kept at a path gives the turns that were waiting to
 * the next process that opens it; a temporary file is unlinked at once and its key never leaves the memory (ADR
 * 0042).
 *
 * <p>A kept file is locked while open: two processes recording through one file would overwrite each other's
 * turns. A file whose key the master keys do not open, or which is not a backlog, is moved aside (never deleted) and
 * a new one is started.
 */
public final class BacklogFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogFile.class);

    static final int RING_START = 4096;
    private static final long MAGIC = 0x4c59535354424c31L; // "LYSSTBL1"
    private static final int MAGIC_AT = 0;
    private static final int RING_BYTES_AT = 8;
    private static final int TAIL_AT = 16;
    private static final int HEAD_AT = 24;
    private static final int RUN_AT = 32;
    private static final int KEY_LENGTH_AT = 36;
    private static final int KEY_AT = 40;
    private static final String KEY_OWNER = "turn-backlog";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path kept; // null for a temporary file
    private final FileChannel channel; // null for a temporary file
    private final MappedByteBuffer mapped;
    private final int ringBytes;
    private final SecretKey key;
    private final int run;

    private BacklogFile(Path kept, FileChannel channel, MappedByteBuffer mapped, int ringBytes, SecretKey key) {
        this.kept = kept;
        this.channel = channel;
        this.mapped = mapped;
        this.ringBytes = ringBytes;
        this.key = key;
        this.run = mapped.getInt(RUN_AT) + 1;
        mapped.putInt(RUN_AT, run);
    }

    /**
     * The backlog {@code lyss.orchestrator.turn-backlog-file} asks for: kept at that path, or temporary when blank.
     *
     * @param sealer seals the file's key; a kept file needs it
     */
    public static BacklogFile forSetting(String keptPath, int ringBytes, SecretSealer sealer) {
        if (keptPath == null || keptPath.isBlank()) {
            LOG.info("Turns waiting to be recorded are lost if the process stops; "
                    + "lyss.orchestrator.turn-backlog-file keeps them across restarts");
            return temporary(ringBytes);
        }
        if (sealer == null) {
            throw new IllegalStateException("lyss.orchestrator.turn-backlog-file needs lyss.security.master-key: "
                    + "the turns waiting in the file are encrypted under a key it seals");
        }
        return kept(Path.of(keptPath), ringBytes, sealer);
    }

    /**
     * A sparse temporary file, unlinked at once: its pages exist only once written (a direct buffer would be zeroed,
     * and resident, whole) and the kernel can write them out under memory pressure. Its turns do not survive the
     * process.
     */
    public static BacklogFile temporary(int ringBytes) {
        try {
            Path file = Files.createTempFile("lyss-turn-backlog-", ".ring");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, RING_START + (long) ringBytes);
                mapped.putInt(RING_BYTES_AT, ringBytes);
                return new BacklogFile(null, null, mapped, ringBytes, newKey());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The backlog of turns could not be mapped", e);
        }
    }

    /**
     * The file at {@code path}, with the turns a previous process left in it, or a new one. A file left with turns
     * keeps its ring's size until it is empty; an empty one takes {@code ringBytes} and a new key.
     *
     * @throws IllegalStateException when another process (or another recorder here) holds the file
     */
    public static BacklogFile kept(Path path, int ringBytes, SecretSealer sealer) {
        Path absolute = path.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            FileChannel channel = openLocked(absolute);
            try {
                Left left = left(channel, sealer);
                if (left != null && left.unopenable() != null) {
                    channel.close();
                    Path aside =
                            absolute.resolveSibling(absolute.getFileName() + ".unopened-" + System.currentTimeMillis());
                    Files.move(absolute, aside);
                    LOG.error(
                            "The backlog of turns at {} was moved to {} and a new one started: {}",
                            absolute,
                            aside,
                            left.unopenable());
                    channel = openLocked(absolute);
                    left = null;
                }
                if (left == null) {
                    return create(absolute, channel, ringBytes, sealer);
                }
                MappedByteBuffer mapped =
                        channel.map(FileChannel.MapMode.READ_WRITE, 0, RING_START + (long) left.ringBytes());
                return new BacklogFile(absolute, channel, mapped, left.ringBytes(), left.key());
            } catch (RuntimeException | IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The backlog of turns at " + absolute + " could not be opened", e);
        }
    }

    private static FileChannel openLocked(Path path) throws IOException {
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another recorder holds the backlog of turns at " + path
                    + "; give each orchestrator its own lyss.orchestrator.turn-backlog-file");
        }
        return channel;
    }

    /**
     * What a previous process left in the file: turns to resume (their ring's size and key) or a reason the file
     * cannot be used as it is.
     */
    private record Left(int ringBytes, SecretKey key, String unopenable) {

        static Left because(String unopenable) {
            return new Left(0, null, unopenable);
        }
    }

    /** What the file holds; null when it is new or empty (nothing to resume, nothing to keep). */
    private static Left left(FileChannel channel, SecretSealer sealer) throws IOException {
        if (channel.size() == 0) {
            return null;
        }
        if (channel.size() < RING_START) {
            return Left.because("it is not a backlog of turns");
        }
        ByteBuffer header = ByteBuffer.allocate(RING_START);
        channel.read(header, 0);
        if (header.getLong(MAGIC_AT) != MAGIC) {
            return Left.because("it is not a backlog of turns");
        }
        long tail = header.getLong(TAIL_AT);
        long head = header.getLong(HEAD_AT);
        int ringBytes = header.getInt(RING_BYTES_AT);
        if (ringBytes <= 0
                || tail < 0
                || head < tail
                || head - tail > ringBytes
                || channel.size() != RING_START + (long) ringBytes) {
            return Left.because("its header is damaged");
        }
        if (head == tail) {
            return null;
        }
        try {
            return new Left(ringBytes, openKey(header, sealer), null);
        } catch (SecretUnavailableException | IllegalArgumentException e) {
            return Left.because("its key does not open with the master keys this process holds");
        }
    }

    private static BacklogFile create(Path path, FileChannel channel, int ringBytes, SecretSealer sealer)
            throws IOException {
        channel.truncate(0); // sparse again: the old turns' bytes are gone with it
        SecretKey key = newKey();
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, RING_START + (long) ringBytes);
        SealedSecret sealed = sealer.seal(Base64.getEncoder().encodeToString(key.getEncoded()), KEY_OWNER);
        byte[] text = String.join("\n", sealed.masterKeyId(), sealed.nonce(), sealed.ciphertext())
                .getBytes(StandardCharsets.UTF_8);
        mapped.putInt(KEY_LENGTH_AT, text.length);
        mapped.put(KEY_AT, text);
        mapped.putInt(RING_BYTES_AT, ringBytes);
        mapped.putLong(TAIL_AT, 0);
        mapped.putLong(HEAD_AT, 0);
        mapped.putInt(RUN_AT, 0);
        mapped.putLong(MAGIC_AT, MAGIC); // last: a file with the mark has the rest
        return new BacklogFile(path, channel, mapped, ringBytes, key);
    }

    private static SecretKey openKey(ByteBuffer header, SecretSealer sealer) {
        int length = header.getInt(KEY_LENGTH_AT);
        if (length <= 0 || KEY_AT + length > RING_START) {
            throw new IllegalArgumentException("no sealed key");
        }
        byte[] text = new byte[length];
        header.get(KEY_AT, text);
        String[] parts = new String(text, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("no sealed key");
        }
        String opened = sealer.open(new SealedSecret(parts[0], parts[1], parts[2]), KEY_OWNER);
        return new SecretKeySpec(Base64.getDecoder().decode(opened), "AES");
    }

    private static SecretKey newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    /** The ring: {@link #ringBytes} bytes after the header. */
    ByteBuffer ring() {
        return mapped.slice(RING_START, ringBytes);
    }

    int ringBytes() {
        return ringBytes;
    }

    /** The key the turns are encrypted with. */
    SecretKey key() {
        return key;
    }

    /** This process's run of the file: 1 for a new file, one more each time a file with turns is resumed. */
    int run() {
        return run;
    }

    long tail() {
        return mapped.getLong(TAIL_AT);
    }

    long head() {
        return mapped.getLong(HEAD_AT);
    }

    void storeTail(long tail) {
        mapped.putLong(TAIL_AT, tail);
    }

    /** Called once the turn before {@code head} is whole in the ring: a process that dies later leaves it. */
    void storeHead(long head) {
        mapped.putLong(HEAD_AT, head);
    }

    /** Where the turns are kept for the next process; null for a temporary file. */
    Path keptAt() {
        return kept;
    }

    /**
     * Gives the file up: a kept file with turns stays for the next process, an empty one is deleted (the next one
     * gets a new key). The mapping stays valid until the garbage collector frees it; nothing may use it after this.
     */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try (channel) {
            if (head() == tail()) {
                Files.deleteIfExists(kept);
            } else {
                mapped.force();
            }
        } catch (IOException e) {
            LOG.warn(
                    "The backlog of turns at {} could not be closed cleanly: {}",
                    kept,
                    e.getClass().getSimpleName());
        }
    }
}
