package io.lyss.orchestrator.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.governance.KeyGrant;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.orchestrator.routing.ChannelRouter;
import io.lyss.orchestrator.routing.CircuitBreakers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/embeddings}: authorised like a chat (same key, same model policy), relayed as received to the
 * first OpenAI-compatible channel serving the model that answers, in routing order.
 */
@RestController
class EmbeddingsController {

    private final KeyAuthenticator authenticator;
    private final GovernanceView governance;
    private final ChannelRouter router;
    private final CircuitBreakers breakers;
    private final EmbeddingsRelay relay;
    private final ObjectMapper json;
    private final int maxRequestBytes;

    EmbeddingsController(
            KeyAuthenticator authenticator,
            GovernanceView governance,
            ChannelRouter router,
            CircuitBreakers breakers,
            EmbeddingsRelay relay,
            ObjectMapper json,
            OrchestratorProperties properties) {
        this.authenticator = authenticator;
        this.governance = governance;
        this.router = router;
        this.breakers = breakers;
        this.relay = relay;
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
        String model = checkedModel(body);
        if (!grant.mayCall(model)) {
            throw OpenAiError.modelNotAllowed(model);
        }
        List<ChannelRoute> channels = governance.channelsServing(grant.workspaceId(), model).stream()
                .filter(route -> route.provider() != ProviderType.ANTHROPIC)
                .toList();
        if (channels.isEmpty()) {
            throw OpenAiError.modelNotFound(model);
        }
        for (ChannelRoute channel : breakers.healthyFirst(router.order(channels))) {
            EmbeddingsRelay.Answer answer = relay.embed(channel, body);
            if (answer.status() == 200) {
                breakers.succeeded(channel);
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
        throw OpenAiError.upstreamUnavailable(model);
    }

    private String checkedModel(byte[] body) {
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body is not valid JSON.");
        }
        if (parsed == null || !parsed.isObject()) {
            throw OpenAiError.invalidRequest(null, "The request body must be a JSON object.");
        }
        if (!parsed.path("model").isTextual() || parsed.path("model").asText().isBlank()) {
            throw OpenAiError.invalidRequest("model", "'model' is required and must be a non-empty string.");
        }
        JsonNode input = parsed.get("input");
        boolean validInput = input != null
                && ((input.isTextual() && !input.asText().isEmpty()) || (input.isArray() && !input.isEmpty()));
        if (!validInput) {
            throw OpenAiError.invalidRequest("input", "'input' must be a non-empty string or array.");
        }
        return parsed.path("model").asText();
    }

    private byte[] read(HttpServletRequest request) {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        } catch (IOException e) {
            throw OpenAiError.invalidRequest(null, "The request body could not be read.");
        }
        if (body.length > maxRequestBytes) {
            throw OpenAiError.requestTooLarge(maxRequestBytes);
        }
        return body;
    }
}
