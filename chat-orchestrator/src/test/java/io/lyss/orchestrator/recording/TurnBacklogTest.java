package io.lyss.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class TurnBacklogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void turnsOfAnySizeGoRoundASmallRingManyTimesAndComeOutWholeOnceEachInTheOrderEachWriterAppendedThem()
            throws Exception {
        var backlog = new TurnBacklog(1_000);
        int writers = 4;
        int turnsEach = 2_000;
        List<CompletableFuture<Void>> appending = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                appending.add(CompletableFuture.runAsync(
                        () -> {
                            var random = new Random(writer);
                            for (int i = 0; i < turnsEach; i++) {
                                // 1 to ~300 bytes: records end anywhere in the ring, some exactly at its end
                                String turn = writer + ":" + i + ":" + "y".repeat(random.nextInt(290));
                                try {
                                    assertThat(backlog.append(turn.getBytes(StandardCharsets.UTF_8), PATIENCE))
                                            .isTrue();
                                } catch (InterruptedException e) {
                                    throw new AssertionError(e);
                                }
                            }
                        },
                        threads));
            }
            Map<Integer, Integer> nextOfWriter = new HashMap<>();
            int taken = 0;
            while (taken < writers * turnsEach) {
                TurnBacklog.Batch batch = backlog.take(7, PATIENCE, Duration.ZERO);
                assertThat(batch)
                        .as("turns keep coming while writers wait for room")
                        .isNotNull();
                for (byte[] json : batch.turns()) {
                    String[] parts = new String(json, StandardCharsets.UTF_8).split(":", 3);
                    int writer = Integer.parseInt(parts[0]);
                    assertThat(Integer.parseInt(parts[1])).isEqualTo(nextOfWriter.getOrDefault(writer, 0));
                    assertThat(parts[2]).matches("y*");
                    nextOfWriter.put(writer, Integer.parseInt(parts[1]) + 1);
                }
                taken += batch.turns().size();
                backlog.release(batch);
            }
            CompletableFuture.allOf(appending.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(backlog.waiting()).isZero();
        assertThat(backlog.take(1, Duration.ofMillis(10), Duration.ZERO)).isNull();
    }

    @Test
    void aTurnThatDoesNotFitWaitsUntilTheSenderReleasesRoomOrGivesUpInTime() throws Exception {
        var backlog = new TurnBacklog(100);
        assertThat(backlog.append(new byte[60], PATIENCE)).isTrue();
        assertThat(backlog.append(new byte[60], Duration.ofMillis(200))).isFalse();

        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return backlog.append(new byte[60], PATIENCE);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        TurnBacklog.Batch first = backlog.take(10, PATIENCE, Duration.ZERO);
        assertThat(first.turns()).hasSize(1);
        backlog.release(first);
        assertThat(waiting.get()).isTrue();
        assertThat(backlog.waiting()).isEqualTo(1);
    }

    @Test
    void aBatchTakesAtMostItsBytesOfTurnsAndAlwaysOneTurnHoweverLarge() throws Exception {
        var backlog = new TurnBacklog(4 * 1024 * 1024);
        int hundredKiB = 100 * 1024;
        for (int i = 0; i < 5; i++) {
            assertThat(backlog.append(new byte[hundredKiB], PATIENCE)).isTrue();
        }
        assertThat(backlog.append(new byte[TurnBacklog.BATCH_BYTES + 1], PATIENCE))
                .isTrue();
        assertThat(backlog.append(new byte[10], PATIENCE)).isTrue();

        List<Integer> batchSizes = new ArrayList<>();
        TurnBacklog.Batch batch;
        while ((batch = backlog.take(100, Duration.ZERO, Duration.ZERO)) != null) {
            batchSizes.add(batch.turns().size());
            assertThat(batch.records()).isEqualTo(batch.turns().size());
            backlog.release(batch);
        }
        assertThat(batchSizes).containsExactly(2, 2, 1, 1, 1);
        assertThat(backlog.waiting()).isZero();
    }

    @Test
    void aTurnLargerThanTheRingIsRefused() {
        var backlog = new TurnBacklog(100);
        // a record is the turn's bytes, its length, the run that wrote it and the 16-byte tag of its encryption
        assertThat(backlog.fits(76)).isTrue();
        assertThat(backlog.fits(77)).isFalse();
        assertThatThrownBy(() -> backlog.append(new byte[77], PATIENCE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFlushWaitsForTheTurnsAppendedBeforeItOnly() throws Exception {
        var backlog = new TurnBacklog(1_000);
        backlog.append("a".getBytes(StandardCharsets.UTF_8), PATIENCE);
        assertThat(backlog.awaitReleased(Duration.ofMillis(100))).isFalse();

        TurnBacklog.Batch batch = backlog.take(10, PATIENCE, Duration.ZERO);
        backlog.append("b".getBytes(StandardCharsets.UTF_8), PATIENCE);
        backlog.release(batch);
        // a flush now covers "b" too, appended before it
        assertThat(backlog.awaitReleased(Duration.ofMillis(100))).isFalse();
        backlog.release(backlog.take(10, PATIENCE, Duration.ZERO));
        assertThat(backlog.awaitReleased(Duration.ofMillis(100))).isTrue();
    }
}
