package io.lyss.orchestrator.openai;

import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.cache.CacheLookup;
import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.cache.CanonicalRequest;
import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import io.lyss.orchestrator.governance.KeyGrant;
import java.util.Locale;
import java.util.Optional;

/**
 * CACHE HOOK (issue 4), to move into the workflow's cache node: decides whether a chat request may be answered
 * from, and later stored into, the {@link AnswerCache}, and replays a cached answer through the client's writer.
 *
 * <p>Only answers that are plain text are reused: requests with tools, several choices, logprobs or non-text
 * content bypass the cache. {@code X-Lyss-Cache: off} bypasses it too (nothing read, nothing stored);
 * {@code X-Lyss-Cache: semantic} or {@code "lyss": {"cache": "semantic"}} allows a semantic match.
 */
final class CacheHook {

    static final String HEADER = "X-Lyss-Cache";

    /** What the cache knows about one request; {@code requestHash} is null when the request bypasses the cache. */
    record Decision(String canonicalRequest, String requestHash, boolean semantic) {
        static final Decision BYPASS = new Decision(null, null, false);

        boolean bypass() {
            return requestHash == null;
        }
    }

    private final AnswerCache cache;

    /** @param cache null when the cache is off */
    CacheHook(AnswerCache cache) {
        this.cache = cache;
    }

    Decision decide(ChatCompletionRequest request, String header) {
        String mode = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
        if (cache == null || request.needsOpenAiChannel() || mode.equals("off") || mode.equals("no-store")) {
            return Decision.BYPASS;
        }
        String canonical = CanonicalRequest.of(request.body());
        return new Decision(
                canonical, CanonicalRequest.hash(canonical), request.semanticCache() || mode.equals("semantic"));
    }

    Optional<CachedAnswer> lookup(Decision decision, KeyGrant grant, ChatCompletionRequest request, String question) {
        if (decision.bypass()) {
            return Optional.empty();
        }
        return cache.lookup(new CacheLookup(
                grant.workspaceId(),
                grant.keyId(),
                request.model(),
                decision.canonicalRequest(),
                question,
                decision.semantic()));
    }

    /** Answers from the cache: streamed like any answer when the client streams. Nothing is spent upstream. */
    static UpstreamOutcome replay(CachedAnswer hit, AnswerSink sink) {
        long firstToken = System.nanoTime();
        sink.token(hit.answer());
        sink.finish(hit.answer(), hit.finishReason(), new TokenCounts(0, 0, 0, false));
        return new UpstreamOutcome(
                "cache",
                hit.answer(),
                hit.finishReason(),
                new TokenCounts(hit.promptTokens(), hit.completionTokens(), 0, false),
                firstToken);
    }
}
