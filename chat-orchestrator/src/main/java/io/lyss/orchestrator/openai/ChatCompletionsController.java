package io.lyss.orchestrator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.cache.CachedAnswer;
import io.lyss.orchestrator.chat.AnswerSink;
import io.lyss.orchestrator.chat.PromptMessage;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.chat.UpstreamOutcome;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.recording.FinishedTurn;
import io.lyss.orchestrator.recording.TurnRecorder;
import io.lyss.orchestrator.routing.ChannelRouter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/completions}: authenticate the key, check the request, route to a channel, stream or
 * return the answer, then report the turn. Nothing on this path waits for a database or a projection.
 */
@RestController
class ChatCompletionsController {

    private final KeyAuthenticator authenticator;
    private final GovernanceView governance;
    private final ChannelRouter router;
    private final UpstreamCaller upstream;
    private final PriceTable prices;
    private final TurnRecorder recorder;
    private final ObjectMapper json;
    private final int maxRequestBytes;
    private final CacheHook cacheHook;

    ChatCompletionsController(
            KeyAuthenticator authenticator,
            GovernanceView governance,
            ChannelRouter router,
            UpstreamCaller upstream,
            PriceTable prices,
            TurnRecorder recorder,
            ObjectMapper json,
            OrchestratorProperties properties,
            ObjectProvider<AnswerCache> cache) {
        this.authenticator = authenticator;
        this.governance = governance;
        this.router = router;
        this.upstream = upstream;
        this.prices = prices;
        this.recorder = recorder;
        this.json = json;
        this.maxRequestBytes = properties.maxRequestBytes();
        this.cacheHook = new CacheHook(cache.getIfAvailable());
    }

    @PostMapping({"/v1/chat/completions", "/v1/chat/completions/"})
    void complete(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            HttpServletRequest httpRequest,
            HttpServletResponse httpResponse) {
        long receivedAt = System.nanoTime();
        KeyGrant grant = authenticator.authenticate(authorization);
        ChatCompletionRequest request = ChatCompletionRequest.parse(readBody(httpRequest));
        if (!grant.mayCall(request.model())) {
            throw OpenAiError.modelNotAllowed(request.model());
        }
        List<ChannelRoute> channels = governance.channelsServing(grant.workspaceId(), request.model());
        if (channels.isEmpty()) {
            throw OpenAiError.modelNotFound(request.model());
        }
        String turnId = UUID.randomUUID().toString().replace("-", "");
        var identity =
                new CompletionIdentity("chatcmpl-" + turnId, Instant.now().getEpochSecond(), request.model());
        AnswerSink sink = request.stream()
                ? new SseAnswerWriter(httpResponse, json, identity, request.includeUsage())
                : new JsonAnswerWriter(httpResponse, json, identity);
        // CACHE HOOK (issue 4): moves into the workflow's cache node at merge.
        CacheHook.Decision cacheDecision = cacheHook.decide(request, httpRequest.getHeader(CacheHook.HEADER));
        String question = lastUserMessage(request.messages());
        Optional<CachedAnswer> hit = cacheHook.lookup(cacheDecision, grant, request, question);
        if (hit.isPresent()) {
            httpResponse.setHeader(CacheHook.HEADER, "hit-" + hit.get().kind());
            UpstreamOutcome cached = CacheHook.replay(hit.get(), sink);
            recorder.record(turn(turnId, grant, request, cached, receivedAt, null, hit.get()));
            return;
        }
        var prompt = new UpstreamCaller.Prompt(
                request.model(),
                request.messages(),
                request.temperature(),
                request.topP(),
                request.maxTokens(),
                request.stop(),
                request.body(),
                request.needsOpenAiChannel());
        UpstreamOutcome outcome = upstream.call(router.order(channels), prompt, sink);
        recorder.record(turn(turnId, grant, request, outcome, receivedAt, cacheDecision.requestHash(), null));
    }

    private FinishedTurn turn(
            String turnId,
            KeyGrant grant,
            ChatCompletionRequest request,
            UpstreamOutcome outcome,
            long receivedAt,
            String requestHash,
            CachedAnswer hit) {
        long now = System.nanoTime();
        return new FinishedTurn(
                "conv_" + turnId,
                turnId,
                grant.workspaceId(),
                grant.keyId(),
                "openai",
                request.model(),
                outcome.channelId(),
                lastUserMessage(request.messages()),
                outcome.answer(),
                outcome.finishReason(),
                TimeUnit.NANOSECONDS.toMillis(now - receivedAt),
                outcome.firstTokenNanos() < 0
                        ? -1
                        : TimeUnit.NANOSECONDS.toMillis(outcome.firstTokenNanos() - receivedAt),
                outcome.usage().prompt(),
                outcome.usage().completion(),
                outcome.usage().cached(),
                prices.costMicros(request.model(), outcome.usage()),
                prices.version(),
                outcome.usage().estimated(),
                request.user(),
                requestHash,
                hit == null ? null : hit.kind(),
                hit == null ? null : hit.sourceTurnId(),
                hit == null ? 0 : hit.similarity());
    }

    private static String lastUserMessage(List<PromptMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private JsonNode readBody(HttpServletRequest request) {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body could not be read.");
        }
        if (body.length > maxRequestBytes) {
            throw OpenAiError.requestTooLarge(maxRequestBytes);
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body is not valid JSON.");
        }
    }
}
