package io.lyss.orchestrator.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.governance.ChannelRoute;
import java.io.IOException;

/**
 * What Lyss learns from a relayed answer while it passes through: the first choice's text (tool calls are kept
 * as their JSON, for the record and the token estimate), the finish reason and the provider's usage.
 */
final class RelayedAnswer {

    private final UpstreamCaller.Prompt prompt;
    private final TokenEstimator estimator;
    private final ObjectMapper json;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder toolCalls = new StringBuilder();
    private String finishReason;
    private TokenCounts usage;

    RelayedAnswer(UpstreamCaller.Prompt prompt, TokenEstimator estimator, ObjectMapper json) {
        this.prompt = prompt;
        this.estimator = estimator;
        this.json = json;
    }

    void readChunk(JsonNode chunk) {
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.path("index").asInt(0) == 0) {
            JsonNode delta = choice.path("delta");
            if (delta.path("content").isTextual()) {
                text.append(delta.path("content").asText());
            }
            if (delta.has("tool_calls")) {
                toolCalls.append(delta.get("tool_calls"));
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.path("finish_reason").asText();
            }
        }
        readUsage(chunk.path("usage"));
    }

    void readCompletion(JsonNode completion) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (message.path("content").isTextual()) {
            text.append(message.path("content").asText());
        }
        if (message.has("tool_calls")) {
            toolCalls.append(message.get("tool_calls"));
        }
        finishReason = choice.path("finish_reason").asText("stop");
        readUsage(completion.path("usage"));
    }

    String finishReason() {
        return finishReason == null ? "stop" : finishReason;
    }

    boolean finished() {
        return finishReason != null;
    }

    /** The answer text, or the tool calls' JSON when the model only called tools. */
    String answer() {
        return text.isEmpty() && !toolCalls.isEmpty() ? toolCalls.toString() : text.toString();
    }

    UpstreamOutcome outcome(ChannelRoute channel, String reason, long firstTokenNanos) {
        String answer = answer();
        TokenCounts counts = usage != null
                ? usage
                : new TokenCounts(estimator.prompt(prompt.messages()), estimator.text(answer), 0, true);
        return new UpstreamOutcome(channel.channelId(), answer, reason, counts, firstTokenNanos);
    }

    private void readUsage(JsonNode node) {
        if (node.isObject() && node.path("prompt_tokens").isNumber()) {
            usage = new TokenCounts(
                    node.path("prompt_tokens").asLong(),
                    node.path("completion_tokens").asLong(),
                    node.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                    false);
        }
    }

    /** One chunk's JSON; null when it is not JSON. */
    JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }
}
