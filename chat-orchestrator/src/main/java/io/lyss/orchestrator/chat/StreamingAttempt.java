package io.lyss.orchestrator.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CompletableFuture;

/** One streaming call to one channel: forwards tokens to the sink and cancels upstream when the client leaves. */
final class StreamingAttempt implements StreamingChatResponseHandler {

    private final AnswerSink sink;
    private final StringBuilder text = new StringBuilder();
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

    private synchronized void deliver(String piece, StreamingHandle handle) {
        if (piece == null || piece.isEmpty() || result.isDone() || abandoned) {
            if (abandoned && handle != null) {
                handle.cancel();
            }
            return;
        }
        firstToken.complete(null);
        if (firstTokenNanos < 0) {
            firstTokenNanos = System.nanoTime();
        }
        text.append(piece);
        if (!sink.token(piece)) {
            clientGone = true;
            if (handle != null) {
                handle.cancel();
            }
            result.complete(ChatResponse.builder()
                    .aiMessage(AiMessage.from(text.toString()))
                    .build());
        }
    }
}
