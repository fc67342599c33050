package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.chat.OpenAiRelaySink;
import io.lyss.orchestrator.chat.TokenCounts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams an answer as OpenAI {@code chat.completion.chunk} events: a role chunk, content and {@code tool_calls}
 * chunks, a finish chunk, the usage chunk when asked for, then {@code [DONE]}. Headers are sent with the first token, so that an error
 * before any token can still be a plain JSON error with its status.
 */
final class SseAnswerWriter implements OpenAiRelaySink {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private final CompletionIdentity identity;
    private final boolean includeUsage;
    private final boolean legacyFunctions;
    private OutputStream out;
    private boolean clientGone;

    /**
     * @param legacyFunctions true when the client offered legacy {@code functions}: a call then streams as
     *     {@code delta.function_call} pieces and finishes with {@code function_call}
     */
    SseAnswerWriter(
            HttpServletResponse response,
            ObjectMapper json,
            CompletionIdentity identity,
            boolean includeUsage,
            boolean legacyFunctions) {
        this.response = response;
        this.json = json;
        this.identity = identity;
        this.includeUsage = includeUsage;
        this.legacyFunctions = legacyFunctions;
    }

    @Override
    public synchronized boolean token(String text) {
        openWithRole();
        ObjectNode chunk = chunk();
        delta(chunk).put("content", text);
        send(chunk);
        return !clientGone;
    }

    /** A {@code tool_calls} delta: id, type and name with the call's first piece, then pieces of its arguments. */
    @Override
    public synchronized boolean toolCall(int index, String id, String name, String argumentsPiece) {
        if (legacyFunctions) {
            return functionCall(index, name, argumentsPiece);
        }
        openWithRole();
        ObjectNode chunk = chunk();
        ObjectNode call = delta(chunk).putArray("tool_calls").addObject().put("index", index);
        if (id != null) {
            call.put("id", id).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", argumentsPiece);
        send(chunk);
        return !clientGone;
    }

    /** A legacy {@code function_call} delta: the name with the first piece, then pieces of the arguments. */
    private boolean functionCall(int index, String name, String argumentsPiece) {
        if (index > 0) {
            return !clientGone; // the legacy shape has one call per answer (Anthropic is asked for one)
        }
        openWithRole();
        ObjectNode chunk = chunk();
        ObjectNode function = delta(chunk).putObject("function_call");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", argumentsPiece);
        send(chunk);
        return !clientGone;
    }

    private void openWithRole() {
        if (out == null) {
            open();
            ObjectNode first = chunk();
            delta(first).put("role", "assistant").put("content", "");
            send(first);
        }
    }

    private static ObjectNode delta(ObjectNode chunk) {
        return chunk.withArray("choices")
                .addObject()
                .put("index", 0)
                .putNull("finish_reason")
                .putObject("delta");
    }

    @Override
    public synchronized boolean started() {
        return out != null;
    }

    @Override
    public synchronized void finish(String text, String finishReason, TokenCounts usage) {
        if (out == null) {
            open();
        }
        ObjectNode last = chunk();
        last.withArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", FunctionCallShape.finishReason(finishReason, legacyFunctions))
                .putObject("delta");
        send(last);
        if (includeUsage) {
            ObjectNode usageChunk = json.createObjectNode();
            identity.writeTo(usageChunk, "chat.completion.chunk");
            usageChunk.putArray("choices");
            UsageJson.write(usageChunk.putObject("usage"), usage);
            send(usageChunk);
        }
        write(DONE);
    }

    @Override
    public boolean wantsUsage() {
        return includeUsage;
    }

    @Override
    public synchronized boolean relayChunk(String chunkJson) {
        if (out == null) {
            open();
        }
        write(("data: " + chunkJson + "\n\n").getBytes(StandardCharsets.UTF_8));
        return !clientGone;
    }

    @Override
    public synchronized void relayDone() {
        if (out == null) {
            open();
        }
        write(DONE);
    }

    @Override
    public void relayCompletion(byte[] completionJson) {
        throw new IllegalStateException("A streaming client receives chunks, not a completion");
    }

    @Override
    public synchronized void fail(OpenAiError error) {
        send(error.toJson(json));
        write(DONE);
    }

    private ObjectNode chunk() {
        ObjectNode chunk = json.createObjectNode();
        identity.writeTo(chunk, "chat.completion.chunk");
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private void open() {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            out = response.getOutputStream();
        } catch (IOException e) {
            clientGone = true;
            out = OutputStream.nullOutputStream();
        }
    }

    private void send(ObjectNode event) {
        try {
            write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            clientGone = true;
        }
    }

    private void write(byte[] bytes) {
        if (clientGone) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            clientGone = true;
        }
    }

    /** Tells the client, in {@code X-Lyss-Cache: hit-exact | hit-semantic}, that the cache answered. */
    @Override
    public void fromCache(String kind) {
        if (!response.isCommitted()) {
            response.setHeader(AnswerCache.REQUEST_HEADER, "hit-" + kind);
        }
    }
}
