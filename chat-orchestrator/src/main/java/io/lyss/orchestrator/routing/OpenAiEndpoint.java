package io.lyss.orchestrator.routing;

import java.net.URI;

/**
 * How an OpenAI-compatible channel is called: its chat-completions and embeddings addresses and the
 * {@code Authorization} header carrying its opened secret (never printed: see {@link #toString()}).
 */
public record OpenAiEndpoint(URI chatCompletions, URI embeddings, String authorization) {

    @Override
    public String toString() {
        return "OpenAiEndpoint[" + chatCompletions + "]";
    }
}
