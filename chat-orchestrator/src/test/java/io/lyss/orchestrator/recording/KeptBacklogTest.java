package io.lyss.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.security.secrets.MasterKey;
import io.lyss.security.secrets.SecretSealer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backlog kept in a file: what a process leaves in it, what the file shows, who may open it. */
class KeptBacklogTest {

    static final int RING_BYTES = 64 * 1024;
    private static final Duration NO_WAIT = Duration.ZERO;

    @TempDir
    Path dir;

    @Test
    void theTurnsAProcessThatDiedHadNotStoredAreTakenByTheNextOneInTheirOrder() throws Exception {
        Path file = dir.resolve("turns.ring");
        Process drill = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        BacklogCrashDrill.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("drill.log").toFile())
                .start();
        assertThat(drill.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(drill.exitValue())
                .as("the drill died as planned; its output: %s", Files.readString(dir.resolve("drill.log")))
                .isEqualTo(BacklogCrashDrill.EXIT_CODE);

        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            // the three released are gone; the two being sent when it died come back first
            assertThat(backlog.waiting()).isEqualTo(7);
            assertThat(texts(backlog.take(100, NO_WAIT, NO_WAIT)))
                    .containsExactlyElementsOf(IntStream.range(3, 10)
                            .mapToObj(KeptBacklogTest::turn)
                            .toList());
        }
    }

    @Test
    void theFileHoldsNoTurnInPlainTextAndNothingOfTheTurnsOnceStored() throws Exception {
        Path file = dir.resolve("turns.ring");
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            for (int i = 0; i < 4; i++) {
                backlog.append(turn(i).getBytes(StandardCharsets.UTF_8), NO_WAIT);
            }
            backlog.release(backlog.take(2, NO_WAIT, NO_WAIT));

            byte[] bytes = Files.readAllBytes(file);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("what I asked");
            int stored = 2 * (8 + 16 + turn(0).length()); // two records: length, run, tag and the encrypted turn
            byte[] ring = Arrays.copyOfRange(bytes, BacklogFile.RING_START, BacklogFile.RING_START + stored + 4);
            assertThat(Arrays.copyOf(ring, stored)).containsOnly(0);
            assertThat(ring[stored + 3]).as("the third record's length follows").isNotZero();
        }
    }

    @Test
    void aFileEmptyAtCloseIsDeletedAndOneWithTurnsStays() throws Exception {
        Path file = dir.resolve("turns.ring");
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            backlog.append(turn(0).getBytes(StandardCharsets.UTF_8), NO_WAIT);
        }
        assertThat(file).exists();
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            backlog.release(backlog.take(10, NO_WAIT, NO_WAIT));
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileAnotherRecorderHoldsIsRefusedWithTheSettingToChange() {
        Path file = dir.resolve("turns.ring");
        try (var held = BacklogFile.kept(file, RING_BYTES, sealer("a"))) {
            assertThatThrownBy(() -> BacklogFile.kept(file, RING_BYTES, sealer("a")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("lyss.orchestrator.turn-backlog-file");
        }
    }

    @Test
    void turnsUnderAMasterKeyThisProcessDoesNotHoldAreMovedAsideNotLost() throws Exception {
        Path file = dir.resolve("turns.ring");
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            backlog.append(turn(7).getBytes(StandardCharsets.UTF_8), NO_WAIT);
        }
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("b")))) {
            assertThat(backlog.waiting()).isZero();
        }
        List<Path> aside = siblingsMovedAside();
        assertThat(aside).hasSize(1);

        Files.move(aside.getFirst(), file); // the operator gives the right master key back, with the file
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            assertThat(texts(backlog.take(10, NO_WAIT, NO_WAIT))).containsExactly(turn(7));
        }
    }

    @Test
    void aFileThatIsNotABacklogIsMovedAsideNeverOverwritten() throws Exception {
        Path file = dir.resolve("turns.ring");
        Files.writeString(file, "someone else's data");
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            assertThat(backlog.waiting()).isZero();
        }
        assertThat(siblingsMovedAside()).singleElement().satisfies(aside -> assertThat(aside)
                .hasContent("someone else's data"));
    }

    @Test
    void aRecordDamagedInTheFileIsLeftOutAndTheOthersAreTaken() throws Exception {
        Path file = dir.resolve("turns.ring");
        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            for (int i = 0; i < 3; i++) {
                backlog.append(turn(i).getBytes(StandardCharsets.UTF_8), NO_WAIT);
            }
        }
        int record = 8 + 16 + turn(0).length();
        flipByte(file, BacklogFile.RING_START + record + 8 + 2); // inside the second record's ciphertext

        try (var backlog = new TurnBacklog(BacklogFile.kept(file, RING_BYTES, sealer("a")))) {
            TurnBacklog.Batch batch = backlog.take(10, NO_WAIT, NO_WAIT);
            assertThat(texts(batch)).containsExactly(turn(0), turn(2));
            assertThat(batch.records()).isEqualTo(3);
            backlog.release(batch);
            assertThat(backlog.waiting()).isZero();
        }
    }

    static String turn(int i) {
        return "{\"turnId\":\"t-" + i + "\",\"question\":\"what I asked\"}";
    }

    /** A sealer under a master key named by a letter: the same letter, the same key. */
    static SecretSealer sealer(String letter) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) letter.charAt(0));
        return new SecretSealer(MasterKey.fromBase64(Base64.getEncoder().encodeToString(key)));
    }

    private static List<String> texts(TurnBacklog.Batch batch) {
        return batch.turns().stream()
                .map(json -> new String(json, StandardCharsets.UTF_8))
                .toList();
    }

    private List<Path> siblingsMovedAside() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("turns.ring.unopened-"))
                    .toList();
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x40));
            channel.write(one.rewind(), at);
        }
    }
}
