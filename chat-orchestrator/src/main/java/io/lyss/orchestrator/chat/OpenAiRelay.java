package io.lyss.orchestrator.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.routing.OpenAiEndpoint;
import io.lyss.orchestrator.routing.ProviderClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Calls an OpenAI-compatible channel with the client's own body and relays its answer as received (ADR 0016): no
 * translation on the way in or out, so nothing is lost and almost no time is added. The answer is read only to
 * learn what Lyss records: its text, finish reason and usage.
 */
final class OpenAiRelay {

    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final ProviderClients clients;
    private final ObjectMapper json;
    private final TokenEstimator estimator;
    private final SilenceWatchdog watchdog = new SilenceWatchdog();
    private final UpstreamHttp http;
    private final Duration firstTokenTimeout;
    private final Duration answerTimeout;

    OpenAiRelay(
            ProviderClients clients,
            ObjectMapper json,
            TokenEstimator estimator,
            Duration connectTimeout,
            Duration firstTokenTimeout,
            Duration answerTimeout) {
        this.clients = clients;
        this.json = json;
        this.estimator = estimator;
        this.firstTokenTimeout = firstTokenTimeout;
        this.answerTimeout = answerTimeout;
        this.http = new UpstreamHttp(connectTimeout, watchdog);
    }

    AttemptResult attempt(ChannelRoute channel, UpstreamCaller.Prompt prompt, OpenAiRelaySink sink) {
        boolean stream = prompt.openAiBody().path("stream").asBoolean(false);
        UpstreamHttp.Answer response;
        try {
            OpenAiEndpoint endpoint = clients.openAiEndpoint(channel);
            response = http.postJson(
                    endpoint.chatCompletions(),
                    endpoint.authorization(),
                    upstreamBody(prompt.openAiBody(), channel.upstreamModelFor(prompt.model()), stream),
                    stream
                            ? UpstreamHttp.Patience.eachPause(firstTokenTimeout)
                            : UpstreamHttp.Patience.wholeAnswer(answerTimeout));
        } catch (SocketTimeoutException e) {
            return new AttemptResult.Failed(0, "timed out before answering");
        } catch (IOException | IllegalArgumentException e) {
            return new AttemptResult.Failed(0, "unreachable (" + e.getClass().getSimpleName() + ")");
        }
        if (response.status() != 200) {
            return failure(response);
        }
        var counter = new RelayedAnswer(prompt, estimator, json);
        return stream
                ? new RelayedStream(counter, sink, firstTokenTimeout, watchdog).relay(channel, response.body())
                : relayCompletion(channel, counter, sink, response);
    }

    private AttemptResult relayCompletion(
            ChannelRoute channel, RelayedAnswer answer, OpenAiRelaySink sink, UpstreamHttp.Answer response) {
        byte[] bytes;
        JsonNode completion;
        try {
            bytes = response.readAll();
            completion = json.readTree(bytes);
        } catch (SocketTimeoutException e) {
            return new AttemptResult.Failed(0, "timed out while answering");
        } catch (IOException e) {
            return new AttemptResult.Failed(0, "broke off while answering");
        }
        if (completion == null || !completion.path("choices").isArray()) {
            return new AttemptResult.Failed(502, "answered something that is not a chat completion");
        }
        answer.readCompletion(completion);
        long answeredAt = System.nanoTime();
        sink.relayCompletion(bytes);
        return new AttemptResult.Answered(answer.outcome(channel, answer.finishReason(), answeredAt));
    }

    private AttemptResult failure(UpstreamHttp.Answer response) {
        int status = response.status();
        JsonNode error = errorBody(response.body());
        if (status == 400 || status == 422) {
            // The request itself is wrong for this API: the client gets the provider's explanation, not a retry.
            return new AttemptResult.Refused(
                    400,
                    error.path("type").asText("invalid_request_error"),
                    error.path("code").isTextual() ? error.path("code").asText() : null,
                    error.path("param").isTextual() ? error.path("param").asText() : null,
                    error.path("message").asText("The provider refused the request."));
        }
        return new AttemptResult.Failed(status, "HTTP " + status);
    }

    private JsonNode errorBody(InputStream body) {
        try (body) {
            JsonNode parsed = json.readTree(body.readNBytes(MAX_ERROR_BODY));
            return parsed == null ? json.createObjectNode() : parsed.path("error");
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /**
     * The client's body, naming the model as the channel knows it (an alias may map it); a stream always asks for
     * usage so that Lyss learns what was spent.
     */
    private byte[] upstreamBody(ObjectNode body, String upstreamModel, boolean stream) {
        ObjectNode sent = body;
        boolean askUsage =
                stream && !body.path("stream_options").path("include_usage").asBoolean(false);
        if (askUsage || !upstreamModel.equals(body.path("model").asText())) {
            sent = body.deepCopy();
            sent.put("model", upstreamModel);
        }
        if (askUsage) {
            sent.withObject("stream_options").put("include_usage", true);
        }
        try {
            return json.writeValueAsBytes(sent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed body always serializes", e);
        }
    }
}
