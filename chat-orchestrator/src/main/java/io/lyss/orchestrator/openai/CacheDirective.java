package io.lyss.orchestrator.openai;

import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.cache.CacheHeader;
import io.lyss.orchestrator.cache.CanonicalRequest;

/**
 * Whether an OpenAI chat request may be answered from, and later stored into, the answer cache. Only plain-text
 * answers are reused: requests with tools, several choices, logprobs or non-text content bypass the cache, and so
 * does {@code X-Lyss-Cache: off} or {@code no-store}. {@code X-Lyss-Cache: semantic},
 * {@code "lyss": {"cache": "semantic"}} in the body, or the key's own setting allows a semantic match.
 *
 * @param canonicalRequest the exact-cache key, or null when the request bypasses the cache
 */
record CacheDirective(String canonicalRequest, boolean semantic) {

    private static final CacheDirective BYPASS = new CacheDirective(null, false);

    /** @param keySemantic true when the key has the semantic cache on for all its requests */
    static CacheDirective of(ChatCompletionRequest request, String header, boolean keySemantic) {
        CacheHeader asked = CacheHeader.of(header);
        if (request.needsOpenAiChannel() || asked.bypasses()) {
            return BYPASS;
        }
        return new CacheDirective(
                CanonicalRequest.of(request.body()), keySemantic || request.semanticCache() || asked.allowsSemantic());
    }

    /** The request header by which a client steers the cache. */
    static final String HEADER = AnswerCache.REQUEST_HEADER;
}
