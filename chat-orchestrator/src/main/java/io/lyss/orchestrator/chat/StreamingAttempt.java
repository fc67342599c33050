package io.lyss.orchestrator.chat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One streaming call to one channel: forwards tokens and tool-call pieces to the sink and cancels upstream when the
 * client leaves.
 */
final class StreamingAttempt implements StreamingChatResponseHandler {

    private final AnswerSink sink;
    private final StringBuilder text = new StringBuilder();
    /** OpenAI's tool-call index by the provider's, and the arguments delivered so far per OpenAI index. */
    private final Map<Integer, Integer> toolIndex = new HashMap<>();

    private final List<StringBuilder> toolArguments = new ArrayList<>();
    private final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private volatile boolean clientGone;
    private volatile boolean abandoned;
    private volatile long firstTokenNanos = -1;

    StreamingAttempt(AnswerSink sink) {
        this.sink = sink;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        deliver(partial.text(), context.streamingHandle());
    }

    @Override
    public void onPartialResponse(String partial) {
        deliver(partial, null);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        firstToken.complete(null);
        result.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        firstToken.completeExceptionally(error);
        result.completeExceptionally(error);
    }

    /** Completes with the first token, the complete answer or the failure, whichever comes first. */
    CompletableFuture<Void> firstToken() {
        return firstToken;
    }

    /**
     * Gives the attempt up (e.g. no first token in time) unless the client already received something, so that
     * whatever still arrives is dropped; false when the client has been answering from this attempt.
     */
    synchronized boolean abandonUnlessStarted() {
        if (sink.started()) {
            return false;
        }
        abandoned = true;
        return true;
    }

    CompletableFuture<ChatResponse> result() {
        return result;
    }

    synchronized String text() {
        return text.toString();
    }

    boolean clientGone() {
        return clientGone;
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }

    @Override
    public void onPartialToolCall(PartialToolCall call, PartialToolCallContext context) {
        deliverToolCall(call.index(), call.id(), call.name(), call.partialArguments(), context.streamingHandle());
    }

    @Override
    public void onPartialToolCall(PartialToolCall call) {
        deliverToolCall(call.index(), call.id(), call.name(), call.partialArguments(), null);
    }

    /** A tool call whose pieces did not stream (or whose arguments did not) is delivered whole. */
    @Override
    public synchronized void onCompleteToolCall(CompleteToolCall call) {
        ToolExecutionRequest request = call.toolExecutionRequest();
        Integer index = toolIndex.get(call.index());
        if (index == null) {
            deliverToolCall(call.index(), request.id(), request.name(), request.arguments(), null);
        } else if (toolArguments.get(index).isEmpty() && !isEmpty(request.arguments())) {
            deliverToolCall(call.index(), null, null, request.arguments(), null);
        }
    }

    /** After the answer: tool calls the provider returned without streaming them at all. */
    synchronized void deliverUnstreamedToolCalls(List<ToolExecutionRequest> requests) {
        for (int index = toolArguments.size(); index < requests.size() && !clientGone; index++) {
            ToolExecutionRequest request = requests.get(index);
            toolArguments.add(new StringBuilder(nullToEmpty(request.arguments())));
            boolean delivered = sink.toolCall(index, request.id(), request.name(), "")
                    && (isEmpty(request.arguments()) || sink.toolCall(index, null, null, request.arguments()));
            clientGone = !delivered;
        }
    }

    private synchronized void deliver(String piece, StreamingHandle handle) {
        if (piece == null || piece.isEmpty() || !accepting(handle)) {
            return;
        }
        text.append(piece);
        if (!sink.token(piece)) {
            clientLeft(handle);
        }
    }

    private synchronized void deliverToolCall(
            int upstreamIndex, String id, String name, String argumentsPiece, StreamingHandle handle) {
        if (!accepting(handle)) {
            return;
        }
        Integer index = toolIndex.get(upstreamIndex);
        boolean delivered = true;
        if (index == null) {
            index = toolArguments.size();
            toolIndex.put(upstreamIndex, index);
            toolArguments.add(new StringBuilder());
            delivered = sink.toolCall(index, id, name, "");
        }
        if (delivered && !isEmpty(argumentsPiece)) {
            toolArguments.get(index).append(argumentsPiece);
            delivered = sink.toolCall(index, null, null, argumentsPiece);
        }
        if (!delivered) {
            clientLeft(handle);
        }
    }

    /** False (cancelling upstream) once the attempt was abandoned; marks the first token otherwise. */
    private boolean accepting(StreamingHandle handle) {
        if (result.isDone() || abandoned) {
            if (abandoned && handle != null) {
                handle.cancel();
            }
            return false;
        }
        firstToken.complete(null);
        if (firstTokenNanos < 0) {
            firstTokenNanos = System.nanoTime();
        }
        return true;
    }

    private void clientLeft(StreamingHandle handle) {
        clientGone = true;
        if (handle != null) {
            handle.cancel();
        }
        result.complete(ChatResponse.builder()
                .aiMessage(AiMessage.from(text.toString()))
                .build());
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
