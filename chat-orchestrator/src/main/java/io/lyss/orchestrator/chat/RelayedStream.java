package io.lyss.orchestrator.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.openai.OpenAiError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Relays one upstream event stream to the client chunk by chunk, each flushed as soon as it arrives. Until the
 * first chunk has been forwarded the attempt may still fail over to another channel; after it, a failure becomes
 * an {@code error} chunk and the turn ends as {@code error}.
 */
final class RelayedStream {

    private static final int AFTER_DONE_CHARS = 4096;

    private final RelayedAnswer answer;
    private final OpenAiRelaySink sink;
    private final Duration firstTokenTimeout;
    private final SilenceWatchdog watchdog;

    RelayedStream(RelayedAnswer answer, OpenAiRelaySink sink, Duration firstTokenTimeout, SilenceWatchdog watchdog) {
        this.answer = answer;
        this.sink = sink;
        this.firstTokenTimeout = firstTokenTimeout;
        this.watchdog = watchdog;
    }

    AttemptResult relay(ChannelRoute channel, InputStream body) {
        // until a token is forwarded: chunks without one (a role, keep-alive comments) do not count
        SilenceWatchdog.Watch firstToken = watchdog.watch(firstTokenTimeout, () -> closeQuietly(body));
        long firstTokenNanos = -1;
        try (var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    sink.relayDone();
                    readTheEnd(reader);
                    return new AttemptResult.Answered(answer.outcome(channel, answer.finishReason(), firstTokenNanos));
                }
                JsonNode chunk = answer.parse(data);
                if (chunk == null || chunk.has("error")) {
                    if (firstTokenNanos < 0) {
                        firstToken.close();
                        return new AttemptResult.Failed(502, "sent an error event before answering");
                    }
                    sink.relayChunk(chunk == null ? "{\"error\":{\"message\":\"invalid chunk\"}}" : data);
                    sink.relayDone();
                    return new AttemptResult.Answered(answer.outcome(channel, "error", firstTokenNanos));
                }
                answer.readChunk(chunk);
                if (isUsageOnly(chunk) && !sink.wantsUsage()) {
                    continue;
                }
                if (firstTokenNanos < 0) {
                    firstToken.close();
                    firstTokenNanos = System.nanoTime();
                }
                if (!sink.relayChunk(withUsageField(chunk, data))) {
                    return new AttemptResult.Answered(answer.outcome(channel, "aborted", firstTokenNanos));
                }
            }
        } catch (IOException e) {
            // handled below: the stream ended without [DONE]
        } finally {
            firstToken.close();
        }
        if (firstTokenNanos < 0) {
            return new AttemptResult.Failed(
                    0, firstToken.expired() ? "sent no first token in time" : "closed the stream early");
        }
        if (answer.finished()) {
            // Some servers end after the finish chunk without [DONE]: the answer is complete all the same.
            sink.relayDone();
            return new AttemptResult.Answered(answer.outcome(channel, answer.finishReason(), firstTokenNanos));
        }
        sink.fail(OpenAiError.upstreamFailedMidStream());
        return new AttemptResult.Answered(answer.outcome(channel, "error", firstTokenNanos));
    }

    /**
     * With {@code include_usage}, OpenAI sends {@code "usage": null} on every chunk before the usage chunk; some
     * OpenAI-compatible servers omit it. It is added (a splice, not a re-serialisation) so clients see one shape.
     */
    private String withUsageField(JsonNode chunk, String data) {
        if (!sink.wantsUsage() || chunk.has("usage")) {
            return data;
        }
        int end = data.lastIndexOf('}');
        return end < 0 ? data : data.substring(0, end) + ",\"usage\":null}";
    }

    private static boolean isUsageOnly(JsonNode chunk) {
        return chunk.path("choices").isEmpty() && chunk.hasNonNull("usage");
    }

    /**
     * Reads what follows {@code [DONE]}: normally only the end of the chunked body, and reading it returns the
     * connection to the pool (closed before its end, the exchange is cut off and the next request opens a new
     * connection, with a new TLS handshake for a remote provider). A server that goes on sending is cut off after
     * {@value #AFTER_DONE_CHARS} characters; one that stays silent is cut off by the stream's pause timeout.
     */
    private static void readTheEnd(BufferedReader reader) {
        try {
            reader.skip(AFTER_DONE_CHARS); // stops early at the end of the body
        } catch (IOException e) {
            // the answer is complete; only the connection is lost
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // closing is how the watchdog interrupts a blocked read; nothing else to do
        }
    }
}
