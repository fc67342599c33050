package io.lyss.orchestrator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.lyss.events.conversation.TurnCompleted;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The cache is written by its feed (nice 19) and read by requests without a lock (ADR 0049): lookups beside the feed
 * and beside a user's erasure never fail, and the cache keeps the newest answers, the oldest going first.
 */
class ConcurrentAnswerCacheTest {

    @Test
    void theOldestAnswersGoFirstAndAnAnswerGivenAgainCountsAsNew() {
        var cache = new ProjectedAnswerCache(3, SemanticIndex.disabled());
        remember(cache, "a", "user_1");
        remember(cache, "b", "user_1");
        remember(cache, "c", "user_1");
        remember(cache, "a", "user_1"); // answered again: now the newest
        remember(cache, "d", "user_1");

        assertThat(cache.lookup(exact("b"))).as("the oldest").isEmpty();
        assertThat(cache.lookup(exact("a"))).isPresent();
        assertThat(cache.lookup(exact("c"))).isPresent();
        assertThat(cache.lookup(exact("d"))).isPresent();
    }

    @Test
    void aForgottenUsersAnswersLeaveRoomForOthers() {
        var cache = new ProjectedAnswerCache(2, SemanticIndex.disabled());
        remember(cache, "a", "user_1");
        cache.forget("ws_1", "user_1");
        remember(cache, "b", "user_2");
        remember(cache, "c", "user_2");

        assertThat(cache.lookup(exact("a"))).isEmpty();
        assertThat(cache.lookup(exact("b"))).isPresent();
        assertThat(cache.lookup(exact("c"))).isPresent();
    }

    @Test
    void lookupsRunBesideTheFeedAndErasuresWithoutFailing() throws Exception {
        var index = new SemanticIndex(ByLength::new, 0.5, 200);
        var cache = new ProjectedAnswerCache(200, index);
        var feeding = new AtomicBoolean(true);
        // daemon threads, never awaited: a structure broken by concurrent use may loop forever, and must fail the test
        ExecutorService threads =
                Executors.newFixedThreadPool(3, Thread.ofPlatform().daemon().factory());
        try {
            var feed = CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < 20_000; i++) {
                            remember(cache, "q" + i, "user_" + (i % 7));
                            if (i % 500 == 0) {
                                cache.forget("ws_1", "user_" + (i % 7));
                            }
                        }
                        feeding.set(false);
                    },
                    threads);
            List<CompletableFuture<Integer>> readers =
                    List.of(reader(cache, feeding, threads), reader(cache, feeding, threads));

            feed.get(60, TimeUnit.SECONDS);
            for (var reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(cache.lookup(exact("q19999"))).as("the newest").isPresent();
        assertThat(cache.lookup(exact("q0"))).as("long gone").isEmpty();
        assertThat(index.nearest("ws_1", "m", "q19999")).isPresent();
    }

    private static CompletableFuture<Integer> reader(
            ProjectedAnswerCache cache, AtomicBoolean feeding, Executor threads) {
        return CompletableFuture.supplyAsync(
                () -> {
                    int lookups = 0;
                    while (feeding.get() || lookups == 0) {
                        cache.lookup(
                                new CacheLookup("ws_1", "key_1", "m", "q" + lookups % 20_000, "q" + lookups, true));
                        lookups++;
                    }
                    return lookups;
                },
                threads);
    }

    private static void remember(ProjectedAnswerCache cache, String request, String user) {
        cache.remember(
                "ws_1",
                "m",
                CanonicalRequest.hash(request),
                request,
                new CachedAnswer("exact", "turn_" + request, "answer " + request, "stop", 1, 1, 1, 1.0),
                TurnCompleted.subjectOf(user, null));
    }

    private static CacheLookup exact(String request) {
        return new CacheLookup("ws_1", "key_1", "m", request, request, false);
    }

    /** A stand-in embedding: questions of the same length point the same way. */
    private static final class ByLength implements EmbeddingModel {

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream()
                    .map(segment -> Embedding.from(new float[] {segment.text().length(), 1f}))
                    .toList());
        }
    }
}
