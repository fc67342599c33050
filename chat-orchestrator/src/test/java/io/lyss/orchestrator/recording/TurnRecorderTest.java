package io.lyss.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lyss.orchestrator.commandside.CommandSideApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The turn recorder against a real HTTP server standing in for the command side's batch endpoint. */
class TurnRecorderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> storedTurnIds = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private final CountDownLatch firstCallHeld = new CountDownLatch(1);
    private volatile CountDownLatch releaseFirstCall = new CountDownLatch(0);
    private HttpServer commandSide;

    @AfterEach
    void stop() {
        if (commandSide != null) {
            commandSide.stop(0);
        }
    }

    @Test
    void turnsWaitingWhileABatchIsSentGoInTheNextBatchesEachExactlyOnce() throws Exception {
        releaseFirstCall = new CountDownLatch(1);
        try (var recorder = recorder()) {
            recorder.record(turn("t-first"));
            assertThat(firstCallHeld.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 500; i++) {
                recorder.record(turn("t-" + i));
            }
            releaseFirstCall.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> storedTurnIds.size() >= 501);
        }
        assertThat(storedTurnIds).hasSize(501).doesNotHaveDuplicates();
        // 1 turn, then the 500 that waited: at most 256 per batch
        assertThat(batchSizes).containsExactly(1, TurnRecorder.MAX_BATCH, 500 - TurnRecorder.MAX_BATCH);
    }

    @Test
    void turnsArrivingWithinTheLingerAreReportedTogether() throws Exception {
        try (var recorder = recorder(Duration.ofSeconds(1))) {
            for (int i = 0; i < 5; i++) {
                recorder.record(turn("t-" + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> storedTurnIds.size() >= 5);
        }
        assertThat(batchSizes).containsExactly(5);
    }

    @Test
    void aBatchTheCommandSideCouldNotStoreIsSentAgainUntilStored() throws Exception {
        failuresToAnswer.set(2);
        try (var recorder = recorder()) {
            recorder.record(turn("t-retried"));
            await().atMost(Duration.ofSeconds(20)).until(() -> storedTurnIds.contains("t-retried"));
        }
        assertThat(batchSizes).containsExactly(1, 1, 1);
        assertThat(storedTurnIds).containsExactly("t-retried");
    }

    @Test
    void aFlushReturnsOnceEveryTurnTakenBeforeItIsStored() throws Exception {
        try (var recorder = recorder(Duration.ofSeconds(30))) {
            for (int i = 0; i < 3; i++) {
                recorder.record(turn("t-" + i));
            }
            // a 30 s linger would hold these turns; the flush sends them at once and waits for them
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(storedTurnIds).containsExactlyInAnyOrder("t-0", "t-1", "t-2");
        }
    }

    @Test
    void closingWaitsForTheTurnsAlreadyTaken() throws Exception {
        releaseFirstCall = new CountDownLatch(1);
        var recorder = recorder();
        recorder.record(turn("t-a"));
        assertThat(firstCallHeld.await(10, TimeUnit.SECONDS)).isTrue();
        recorder.record(turn("t-b"));
        recorder.record(turn("t-c"));
        Thread.ofVirtual().start(releaseFirstCall::countDown);
        recorder.close();
        assertThat(storedTurnIds).containsExactlyInAnyOrder("t-a", "t-b", "t-c");
    }

    @Test
    void whenTheWaitingTurnsFillTheBacklogTheNextTurnWaitsForRoom() throws Exception {
        releaseFirstCall = new CountDownLatch(1);
        String answer = "x".repeat(4_000); // each such turn takes about 4.3 KB of the 16 KB backlog
        try (var recorder = recorder(Duration.ofMillis(10), 16 * 1024)) {
            recorder.record(turn("t-first"));
            assertThat(firstCallHeld.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                recorder.record(turn("t-" + i, answer));
            }
            var next = new CompletableFuture<Void>();
            Thread.ofVirtual().start(() -> {
                recorder.record(turn("t-next", answer));
                next.complete(null);
            });
            // the first turn is still being reported and three more wait: no room for a fourth yet
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
            releaseFirstCall.countDown();
            await().atMost(Duration.ofSeconds(20)).until(next::isDone);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedTurnIds.contains("t-next"));
        }
        assertThat(storedTurnIds).containsExactly("t-first", "t-0", "t-1", "t-2", "t-next");
    }

    @Test
    void turnsNotStoredWhenTheRecorderClosedAreReportedFromItsFileByTheNextRecorder(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("turns.ring");
        failuresToAnswer.set(Integer.MAX_VALUE); // the command side stays unavailable
        var first =
                new TurnRecorder(commandSide(), json, Duration.ofMillis(10), keptBacklog(file), Duration.ofMillis(500));
        first.record(turn("t-1"));
        first.record(turn("t-2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !batchSizes.isEmpty());
        first.close();
        assertThat(storedTurnIds).isEmpty();
        assertThat(file).exists();

        failuresToAnswer.set(0); // back: the next recorder reports what the first one left
        try (var next = new TurnRecorder(
                commandSide(), json, Duration.ofMillis(10), keptBacklog(file), Duration.ofMillis(500))) {
            next.record(turn("t-3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> storedTurnIds.size() >= 3);
        }
        assertThat(storedTurnIds).containsExactly("t-1", "t-2", "t-3");
        assertThat(file).as("deleted once empty").doesNotExist();
    }

    @Test
    void aTurnLargerThanTheWholeBacklogIsSentAloneOnceTheTurnsBeforeItAreStored() throws Exception {
        try (var recorder = recorder(Duration.ofSeconds(30), 16 * 1024)) {
            recorder.record(turn("t-small"));
            // a 30 s linger holds the small turn; the large one flushes it, then goes alone
            recorder.record(turn("t-large", "x".repeat(17_000)));
            assertThat(storedTurnIds).containsExactly("t-small", "t-large");
        }
        assertThat(batchSizes).containsExactly(1, 1);
    }

    private TurnRecorder recorder() throws IOException {
        return recorder(Duration.ofMillis(10));
    }

    private TurnRecorder recorder(Duration linger) throws IOException {
        return recorder(linger, TurnRecorder.BYTES_BUDGET);
    }

    private TurnRecorder recorder(Duration linger, int bytesBudget) throws IOException {
        return new TurnRecorder(commandSide(), json, linger, BacklogFile.temporary(bytesBudget));
    }

    private CommandSideApi commandSide() throws IOException {
        if (commandSide == null) {
            commandSide = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            commandSide.createContext(TurnBatchSender.PATH, this::answer);
            commandSide.start();
        }
        return new CommandSideApi(
                "http://127.0.0.1:" + commandSide.getAddress().getPort(), "internal-test-token", json);
    }

    private static BacklogFile keptBacklog(Path file) {
        return BacklogFile.kept(file, 1024 * 1024, KeptBacklogTest.sealer("k"));
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode batch = json.readTree(exchange.getRequestBody().readAllBytes());
        batchSizes.add(batch.path("turns").size());
        boolean authorised =
                "Bearer internal-test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
        if (firstCallHeld.getCount() > 0) {
            firstCallHeld.countDown();
            awaitRelease();
        }
        if (!authorised || failuresToAnswer.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(authorised ? 503 : 401, -1);
            exchange.close();
            return;
        }
        batch.path("turns")
                .forEach(turn -> storedTurnIds.add(turn.path("turnId").asText()));
        byte[] body =
                ("{\"recorded\":" + batch.path("turns").size() + ",\"rejected\":[]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void awaitRelease() {
        try {
            releaseFirstCall.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static FinishedTurn turn(String turnId) {
        return turn(turnId, "a");
    }

    private static FinishedTurn turn(String turnId, String answer) {
        return new FinishedTurn(
                "conv_" + turnId,
                turnId,
                "ws_1",
                "key_1",
                "openai",
                "gpt-test",
                "ch_1",
                "q",
                answer,
                "stop",
                3,
                2,
                5,
                7,
                0,
                11,
                "v1",
                false,
                null,
                null,
                null,
                null,
                null,
                true);
    }
}
