package io.lyss.orchestrator.chat;

import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.ANSWER;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.BREAK_AFTER_FIRST_CHUNK;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.COMPLETION;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.STALL_BEFORE_FIRST_CHUNK;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.STALL_BEFORE_HEADERS;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.STATUS_400;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.STATUS_429;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.STATUS_500;
import static io.lyss.orchestrator.chat.ScriptedUpstream.Step.TOOL_CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.routing.CircuitBreakers;
import io.lyss.orchestrator.routing.CircuitListener;
import io.lyss.orchestrator.routing.ProviderClients;
import io.lyss.orchestrator.routing.RoutingProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Retry, fallback and relay decisions against real HTTP servers speaking OpenAI's streaming protocol, failing on
 * cue with 429, 500, stalls, broken streams and refused connections.
 */
class UpstreamCallerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> circuitChanges = new CopyOnWriteArrayList<>();
    private final CircuitBreakers breakers =
            new CircuitBreakers(3, Duration.ofMinutes(1), Clock.systemUTC(), new CircuitListener() {
                @Override
                public void opened(ChannelRoute channel, int failures, String lastFailure) {
                    circuitChanges.add("opened " + channel.channelId());
                }

                @Override
                public void closed(ChannelRoute channel) {
                    circuitChanges.add("closed " + channel.channelId());
                }
            });
    private final UpstreamCaller caller = callerWithAnswerTimeout(Duration.ofSeconds(10));

    @Test
    void aRateLimitedChannelIsRetriedAndItsAnswerRelayedAsReceived() throws IOException {
        try (var upstream = new ScriptedUpstream(STATUS_429)) {
            var sink = new RecordingSink(true);

            UpstreamOutcome outcome = caller.call(List.of(route("a", 0, upstream)), prompt(), sink);

            await().untilAsserted(() -> assertThat(upstream.received()).hasSize(2));
            assertThat(outcome.answer()).isEqualTo("Hello from upstream");
            assertThat(outcome.finishReason()).isEqualTo("stop");
            assertThat(outcome.usage()).isEqualTo(new TokenCounts(11, 3, 0, false));
            assertThat(sink.chunks).hasSize(6).last().asString().contains("\"usage\"");
            assertThat(sink.done).isTrue();
        }
    }

    @Test
    void serverErrorsExhaustTheRetriesThenTheNextTierAnswers() throws IOException {
        try (var broken = new ScriptedUpstream(STATUS_500, STATUS_500);
                var backup = new ScriptedUpstream()) {
            var sink = new RecordingSink(false);

            UpstreamOutcome outcome =
                    caller.call(List.of(route("broken", 10, broken), route("backup", 0, backup)), prompt(), sink);

            await().untilAsserted(() -> assertThat(broken.received()).hasSize(2));
            assertThat(outcome.channelId()).isEqualTo("backup");
            assertThat(sink.chunks)
                    .as("the usage chunk the client did not ask for is dropped")
                    .hasSize(5);
            assertThat(backup.received()
                            .getFirst()
                            .at("/stream_options/include_usage")
                            .asBoolean())
                    .as("usage is always asked for upstream")
                    .isTrue();
        }
    }

    @Test
    void aChannelSilentPastTheFirstTokenTimeoutIsLeftForTheNext() throws IOException {
        try (var stalling = new ScriptedUpstream(STALL_BEFORE_FIRST_CHUNK, STALL_BEFORE_FIRST_CHUNK);
                var backup = new ScriptedUpstream()) {
            var sink = new RecordingSink(false);

            UpstreamOutcome outcome =
                    caller.call(List.of(route("slow", 10, stalling), route("backup", 0, backup)), prompt(), sink);

            // the retry may itself time out before the stalled server has read it: at least the first was sent
            assertThat(stalling.received()).isNotEmpty();
            assertThat(outcome.channelId()).isEqualTo("backup");
            assertThat(String.join("", sink.chunks)).contains("Hello").doesNotContain("Hel\"");
        }
    }

    @Test
    void aStreamWhoseHeadersNeverComeIsLeftForTheNextAfterTheFirstTokenTimeout() throws IOException {
        try (var silent = new ScriptedUpstream(STALL_BEFORE_HEADERS, STALL_BEFORE_HEADERS);
                var backup = new ScriptedUpstream()) {
            var sink = new RecordingSink(false);

            UpstreamOutcome outcome =
                    caller.call(List.of(route("silent", 10, silent), route("backup", 0, backup)), prompt(), sink);

            assertThat(silent.received()).isNotEmpty();
            assertThat(outcome.channelId()).isEqualTo("backup");
            assertThat(String.join("", sink.chunks)).contains("Hello");
        }
    }

    @Test
    void aCompletionNotAnsweredWithinTheUpstreamTimeoutIsLeftForTheNext() throws IOException {
        var impatient = callerWithAnswerTimeout(Duration.ofMillis(300));
        try (var silent = new ScriptedUpstream(STALL_BEFORE_HEADERS, STALL_BEFORE_FIRST_CHUNK);
                var backup = new ScriptedUpstream(COMPLETION)) {
            var sink = new RecordingSink(false);

            UpstreamOutcome outcome = impatient.call(
                    List.of(route("silent", 10, silent), route("backup", 0, backup)), completionPrompt(), sink);

            assertThat(silent.received())
                    .as("tried, then retried after the first timeout")
                    .isNotEmpty();
            assertThat(outcome.channelId()).isEqualTo("backup");
            assertThat(outcome.answer()).isEqualTo("Hello from upstream");
            assertThat(sink.chunks).singleElement().asString().contains("\"chat.completion\"");
        }
    }

    @Test
    void aRefusedConnectionFallsBackAndRepeatedFailuresOpenTheCircuit() throws IOException {
        try (var backup = new ScriptedUpstream()) {
            var dead = new ChannelRoute(
                    "dead",
                    "ws_1",
                    ProviderType.OPENAI_COMPATIBLE,
                    "http://127.0.0.1:" + closedPort() + "/v1",
                    Set.of("m"),
                    10,
                    1,
                    null);

            caller.call(List.of(dead, route("backup", 0, backup)), prompt(), new RecordingSink(false));
            assertThat(circuitChanges).isEmpty();
            caller.call(List.of(dead, route("backup", 0, backup)), prompt(), new RecordingSink(false));

            assertThat(circuitChanges).containsExactly("opened dead");
            assertThat(breakers.healthyFirst(List.of(dead, route("backup", 0, backup)))
                            .getFirst()
                            .channelId())
                    .isEqualTo("backup");
        }
    }

    @Test
    void afterTheFirstChunkAFailureIsAnErrorChunkAndNeverARetry() throws IOException {
        try (var breaking = new ScriptedUpstream(BREAK_AFTER_FIRST_CHUNK);
                var backup = new ScriptedUpstream()) {
            var sink = new RecordingSink(false);

            UpstreamOutcome outcome =
                    caller.call(List.of(route("breaking", 10, breaking), route("backup", 0, backup)), prompt(), sink);

            assertThat(backup.received()).isEmpty();
            assertThat(breaking.received()).hasSize(1);
            assertThat(outcome.finishReason()).isEqualTo("error");
            assertThat(outcome.answer()).isEqualTo("Hel");
            assertThat(outcome.usage().estimated()).isTrue();
            assertThat(outcome.usage().completion()).isPositive();
            assertThat(sink.failure).isNotNull();
        }
    }

    @Test
    void aClientLeavingMidStreamEndsTheTurnAsAbortedWithEstimatedTokens() throws IOException {
        try (var upstream = new ScriptedUpstream()) {
            var sink = new RecordingSink(true, 2);

            UpstreamOutcome outcome = caller.call(List.of(route("a", 0, upstream)), prompt(), sink);

            assertThat(outcome.finishReason()).isEqualTo("aborted");
            assertThat(outcome.answer())
                    .as("what upstream generated, read before the client left")
                    .isEqualTo("Hello from");
            assertThat(outcome.usage().estimated()).isTrue();
            assertThat(outcome.usage().prompt()).isPositive();
            assertThat(sink.done).isFalse();
        }
    }

    @Test
    void answersReadToTheirEndLeaveTheirConnectionToTheNextCall() throws IOException {
        try (var upstream = new ScriptedUpstream(COMPLETION, ANSWER, ANSWER, COMPLETION)) {
            List<ChannelRoute> channels = List.of(route("a", 0, upstream));

            for (var prompt : List.of(completionPrompt(), prompt(), prompt(), completionPrompt())) {
                assertThat(caller.call(channels, prompt, new RecordingSink(true))
                                .finishReason())
                        .isEqualTo("stop");
            }

            assertThat(upstream.received()).hasSize(4);
            assertThat(upstream.connections())
                    .as(
                            "one kept-alive connection: each answer, streamed or not, read to its end returns it to the pool")
                    .isEqualTo(1);
        }
    }

    @Test
    void aRequestTheProviderRefusesIsNotRetriedAnywhere() throws IOException {
        try (var refusing = new ScriptedUpstream(STATUS_400);
                var backup = new ScriptedUpstream()) {
            assertThatThrownBy(() -> caller.call(
                            List.of(route("refusing", 10, refusing), route("backup", 0, backup)),
                            prompt(),
                            new RecordingSink(false)))
                    .isInstanceOfSatisfying(OpenAiError.class, error -> {
                        assertThat(error.status()).isEqualTo(400);
                        assertThat(error.toJson(JSON).at("/error/param").asText())
                                .isEqualTo("temperature");
                    });
            assertThat(refusing.received()).hasSize(1);
            assertThat(backup.received()).isEmpty();
        }
    }

    @Test
    void streamedToolCallDeltasPassThroughUnchanged() throws IOException {
        try (var upstream = new ScriptedUpstream(TOOL_CALL, ANSWER)) {
            var sink = new RecordingSink(true);
            ObjectNode body = body();
            body.putArray("tools")
                    .addObject()
                    .put("type", "function")
                    .putObject("function")
                    .put("name", "weather");

            UpstreamOutcome outcome = caller.call(
                    List.of(route("a", 0, upstream)),
                    new UpstreamCaller.Prompt(
                            "m",
                            List.of(new PromptMessage("user", "Weather?")),
                            null,
                            null,
                            null,
                            List.of(),
                            body,
                            true),
                    sink);

            assertThat(upstream.received().getFirst().path("tools")).isEqualTo(body.path("tools"));
            assertThat(sink.chunks.get(1)).contains("{\\\"city\\\":\\\"Paris\\\"}");
            assertThat(outcome.finishReason()).isEqualTo("tool_calls");
            assertThat(outcome.usage()).isEqualTo(new TokenCounts(20, 9, 0, false));
        }
    }

    private UpstreamCaller callerWithAnswerTimeout(Duration answerTimeout) {
        return UpstreamCaller.create(
                new ProviderClients(null, Duration.ofSeconds(5)),
                JSON,
                new RoutingProperties(
                        Duration.ofSeconds(1),
                        Duration.ofMillis(500),
                        2,
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        3,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1)),
                answerTimeout,
                breakers);
    }

    private static UpstreamCaller.Prompt completionPrompt() {
        ObjectNode body = body().put("stream", false);
        return new UpstreamCaller.Prompt(
                "m", List.of(new PromptMessage("user", "Hi")), null, null, null, List.of(), body, false);
    }

    private static UpstreamCaller.Prompt prompt() {
        return new UpstreamCaller.Prompt(
                "m", List.of(new PromptMessage("user", "Hi")), null, null, null, List.of(), body(), false);
    }

    private static ObjectNode body() {
        ObjectNode body = JSON.createObjectNode().put("model", "m").put("stream", true);
        body.putArray("messages").addObject().put("role", "user").put("content", "Hi");
        return body;
    }

    private static ChannelRoute route(String id, int priority, ScriptedUpstream upstream) {
        return new ChannelRoute(
                id, "ws_1", ProviderType.OPENAI_COMPATIBLE, upstream.baseUrl(), Set.of("m"), priority, 1, null);
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
