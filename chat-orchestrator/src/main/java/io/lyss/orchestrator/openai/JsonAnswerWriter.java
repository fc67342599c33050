package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.chat.OpenAiRelaySink;
import io.lyss.orchestrator.chat.TokenCounts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers a non-streaming request with one {@code chat.completion} object once the answer is complete. */
final class JsonAnswerWriter implements OpenAiRelaySink {

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private final CompletionIdentity identity;
    private final ArrayNode toolCalls;
    private final boolean legacyFunctions;

    /**
     * @param legacyFunctions true when the client offered legacy {@code functions}: a call is then answered as the
     *     message's {@code function_call} with finish reason {@code function_call}
     */
    JsonAnswerWriter(
            HttpServletResponse response, ObjectMapper json, CompletionIdentity identity, boolean legacyFunctions) {
        this.response = response;
        this.json = json;
        this.identity = identity;
        this.toolCalls = json.createArrayNode();
        this.legacyFunctions = legacyFunctions;
    }

    @Override
    public boolean token(String text) {
        return true;
    }

    /** Collects the tool calls of a translated answer, piece by piece, for the completion's message. */
    @Override
    public synchronized boolean toolCall(int index, String id, String name, String argumentsPiece) {
        ObjectNode call;
        if (index < toolCalls.size()) {
            call = (ObjectNode) toolCalls.get(index);
        } else {
            call = toolCalls.addObject().put("id", id).put("type", "function");
            call.putObject("function").put("name", name).put("arguments", "");
        }
        ObjectNode function = (ObjectNode) call.get("function");
        function.put("arguments", function.path("arguments").asText() + argumentsPiece);
        return true;
    }

    @Override
    public boolean started() {
        return false;
    }

    @Override
    public synchronized void finish(String text, String finishReason, TokenCounts usage) {
        ObjectNode completion = json.createObjectNode();
        identity.writeTo(completion, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (toolCalls.isEmpty()) {
            message.put("content", text);
        } else if (legacyFunctions) {
            message.put("content", text.isEmpty() ? null : text);
            message.set("function_call", toolCalls.get(0).get("function"));
        } else {
            message.put("content", text.isEmpty() ? null : text);
            message.set("tool_calls", toolCalls);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", FunctionCallShape.finishReason(finishReason, legacyFunctions));
        UsageJson.write(completion.putObject("usage"), usage);
        response.setStatus(200);
        response.setContentType("application/json");
        try {
            json.writeValue(response.getOutputStream(), completion);
        } catch (IOException e) {
            // The client left before reading its answer; the answer is complete and is recorded all the same.
        }
    }

    @Override
    public boolean wantsUsage() {
        return false;
    }

    @Override
    public boolean relayChunk(String chunkJson) {
        throw new IllegalStateException("A non-streaming client receives one completion, not chunks");
    }

    @Override
    public void relayDone() {
        throw new IllegalStateException("A non-streaming client receives one completion, not chunks");
    }

    @Override
    public void relayCompletion(byte[] completionJson) {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(completionJson.length);
        try {
            response.getOutputStream().write(completionJson);
        } catch (IOException e) {
            // The client left before reading its answer; the answer is complete and is recorded all the same.
        }
    }

    @Override
    public void fail(OpenAiError error) {
        throw error;
    }

    /** Tells the client, in {@code X-Lyss-Cache: hit-exact | hit-semantic}, that the cache answered. */
    @Override
    public void fromCache(String kind) {
        if (!response.isCommitted()) {
            response.setHeader(AnswerCache.REQUEST_HEADER, "hit-" + kind);
        }
    }
}
