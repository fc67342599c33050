package io.lyss.orchestrator.cache;

/**
 * What the cache node knows about a request.
 *
 * @param canonicalRequest the request body in canonical form (sorted keys, no whitespace, transport-only fields such
 *     as {@code stream} and {@code stream_options} removed): the exact-match key, scoped by workspace and model
 * @param question the last user message, for semantic matching
 * @param semanticAllowed true when the key or the request opted in to semantic matching
 */
public record CacheLookup(
        String workspaceId,
        String keyId,
        String model,
        String canonicalRequest,
        String question,
        boolean semanticAllowed) {}
