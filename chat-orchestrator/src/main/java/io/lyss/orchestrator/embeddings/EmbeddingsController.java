package io.lyss.orchestrator.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.chat.TokenCounts;
import io.lyss.orchestrator.chat.TokenEstimator;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.http.RequestBodies;
import io.lyss.orchestrator.ids.RandomIds;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.quota.Admission;
import io.lyss.orchestrator.quota.QuotaAdmission;
import io.lyss.orchestrator.recording.EmbeddingSpend;
import io.lyss.orchestrator.recording.EmbeddingSpendRecorder;
import io.lyss.orchestrator.routing.ChannelRouter;
import io.lyss.orchestrator.routing.CircuitBreakers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/embeddings}: authorised like a chat (same key, same model policy), admitted against the key's
 * budgets and rate limits before any provider is called (OpenAI's 429 otherwise), relayed as received to the first
 * OpenAI-compatible channel serving the model that answers, in routing order. What it spent (the provider's usage,
 * or an estimate) is settled against the budgets and recorded as a {@code TokensSpent} with reason
 * {@code EMBEDDING}.
 */
@RestController
class EmbeddingsController {

    /** Response header naming the request its spend was recorded as. */
    static final String REQUEST_ID_HEADER = "X-Lyss-Request-Id";

    private final KeyAuthenticator authenticator;
    private final GovernanceView governance;
    private final ChannelRouter router;
    private final CircuitBreakers breakers;
    private final EmbeddingsRelay relay;
    private final QuotaAdmission quota;
    private final EmbeddingSpendRecorder recorder;
    private final PriceTable prices;
    private final TokenEstimator estimator = new TokenEstimator();
    private final ObjectMapper json;
    private final int maxRequestBytes;

    EmbeddingsController(
            KeyAuthenticator authenticator,
            GovernanceView governance,
            ChannelRouter router,
            CircuitBreakers breakers,
            EmbeddingsRelay relay,
            ObjectProvider<QuotaAdmission> quota,
            EmbeddingSpendRecorder recorder,
            PriceTable prices,
            ObjectMapper json,
            OrchestratorProperties properties) {
        this.authenticator = authenticator;
        this.governance = governance;
        this.router = router;
        this.breakers = breakers;
        this.relay = relay;
        this.quota = quota.getIfAvailable();
        this.recorder = recorder;
        this.prices = prices;
        this.json = json;
        this.maxRequestBytes = properties.maxRequestBytes();
    }

    @PostMapping({"/v1/embeddings", "/v1/embeddings/"})
    void embed(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        KeyGrant grant = authenticator.authenticate(authorization);
        byte[] body = read(request);
        JsonNode parsed = parsed(body);
        String model = checkedModel(parsed);
        EmbeddingInput input = EmbeddingInput.parse(parsed.get("input"));
        if (!grant.mayCall(model)) {
            throw OpenAiError.modelNotAllowed(model);
        }
        List<ChannelRoute> channels = governance.channelsServing(grant.workspaceId(), model).stream()
                .filter(route -> route.provider() != ProviderType.ANTHROPIC)
                .toList();
        if (channels.isEmpty()) {
            throw OpenAiError.modelNotFound(model);
        }
        String requestId = "emb_" + RandomIds.nextHex();
        response.setHeader(REQUEST_ID_HEADER, requestId);
        try (Admission admission = quota == null
                ? null
                : quota.admit(grant.workspaceId(), grant.keyId(), model, input::asMessages, 0, input.tokenIds())) {
            for (ChannelRoute channel : breakers.healthyFirst(router.order(channels))) {
                EmbeddingsRelay.Answer answer = relay.embed(channel, body);
                if (answer.status() == 200) {
                    breakers.succeeded(channel);
                    spent(
                            requestId,
                            grant,
                            model,
                            channel,
                            EmbeddingUsage.of(answer.body(), input, estimator, json),
                            admission);
                    response.setStatus(200);
                    response.setContentType("application/json");
                    response.getOutputStream().write(answer.body());
                    return;
                }
                if (answer.status() == 400 || answer.status() == 422) {
                    throw OpenAiError.refusedUpstream(
                            "invalid_request_error", null, null, "The provider refused the embeddings request.");
                }
                breakers.failed(channel, answer.status() == 0 ? "unreachable" : "HTTP " + answer.status());
            }
        }
        throw OpenAiError.upstreamUnavailable(model);
    }

    /** Settles the request's reservation with what it spent and records the spend, whatever the client does next. */
    private void spent(
            String requestId,
            KeyGrant grant,
            String model,
            ChannelRoute channel,
            TokenCounts usage,
            Admission admission) {
        if (admission != null) {
            admission.settle(usage);
        }
        recorder.record(new EmbeddingSpend(
                requestId,
                grant.workspaceId(),
                grant.keyId(),
                model,
                channel.channelId(),
                usage.prompt(),
                prices.costMicros(model, usage),
                prices.version(),
                usage.estimated()));
    }

    private JsonNode parsed(byte[] body) {
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body is not valid JSON.");
        }
        if (parsed == null || !parsed.isObject()) {
            throw OpenAiError.invalidRequest(null, "The request body must be a JSON object.");
        }
        return parsed;
    }

    private static String checkedModel(JsonNode parsed) {
        if (!parsed.path("model").isTextual() || parsed.path("model").asText().isBlank()) {
            throw OpenAiError.invalidRequest("model", "'model' is required and must be a non-empty string.");
        }
        return parsed.path("model").asText();
    }

    private byte[] read(HttpServletRequest request) {
        byte[] body;
        try {
            body = RequestBodies.readUpTo(request, maxRequestBytes);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body could not be read.");
        }
        if (body.length > maxRequestBytes) {
            throw OpenAiError.requestTooLarge(maxRequestBytes);
        }
        return body;
    }
}
