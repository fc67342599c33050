package io.lyss.orchestrator.routing;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.security.secrets.SecretSealer;
import io.lyss.security.secrets.SecretUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One LangChain4j streaming client per channel and secret, built on first use and rebuilt after a rotation. The channel secret is opened only here, in
 * memory, to configure the client; it is never logged or returned.
 */
public final class ProviderClients {

    /** Providers without authentication still get a non-empty key: some OpenAI-compatible servers require one. */
    private static final String NO_SECRET = "lyss-no-secret";

    private static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

    private final SecretSealer sealer;
    private final Duration timeout;
    private final Map<String, StreamingChatModel> clients = new ConcurrentHashMap<>();
    private final Map<String, OpenAiEndpoint> endpoints = new ConcurrentHashMap<>();

    /** @param sealer opens channel secrets; null when no master key is configured (channels without secrets work) */
    public ProviderClients(SecretSealer sealer, Duration timeout) {
        this.sealer = sealer;
        this.timeout = timeout;
    }

    public StreamingChatModel clientFor(ChannelRoute route) {
        String identity = route.clientIdentity();
        StreamingChatModel client = clients.get(identity);
        if (client != null) {
            return client;
        }
        // A rotated secret or a new base URL gives a new identity; the channel's older clients are dropped.
        clients.keySet().removeIf(old -> old.startsWith(route.channelId() + "|") && !old.equals(identity));
        return clients.computeIfAbsent(identity, ignored -> build(route));
    }

    /**
     * Where and with which {@code Authorization} header an OpenAI-compatible channel is called, worked out once per
     * address and secret (the secret opened once, in memory; the addresses parsed once, not per request).
     *
     * @throws IllegalArgumentException when the channel's base URL is not a URL
     */
    public OpenAiEndpoint openAiEndpoint(ChannelRoute route) {
        String identity = route.clientIdentity();
        OpenAiEndpoint endpoint = endpoints.get(identity);
        if (endpoint != null) {
            return endpoint;
        }
        // As for clients: a rotated secret gives a new identity, and the channel's older endpoint is dropped.
        endpoints.keySet().removeIf(old -> old.startsWith(route.channelId() + "|") && !old.equals(identity));
        return endpoints.computeIfAbsent(identity, ignored -> {
            String base = openAiBaseUrl(route);
            return new OpenAiEndpoint(
                    URI.create(base + "/chat/completions"),
                    URI.create(base + "/embeddings"),
                    "Bearer " + secretOf(route));
        });
    }

    /** Where an OpenAI-compatible channel serves {@code /chat/completions}, without a trailing slash. */
    static String openAiBaseUrl(ChannelRoute route) {
        String base = route.provider() == ProviderType.OLLAMA ? ollamaOpenAiUrl(route.baseUrl()) : route.baseUrl();
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        return base.substring(0, end);
    }

    private String secretOf(ChannelRoute route) {
        return route.secret() == null ? NO_SECRET : opener().open(route.secret(), route.channelId());
    }

    private StreamingChatModel build(ChannelRoute route) {
        String secret = secretOf(route);
        String anyModel = route.models().iterator().next();
        return switch (route.provider()) {
            case ANTHROPIC ->
                AnthropicStreamingChatModel.builder()
                        .baseUrl(route.baseUrl())
                        .apiKey(secret)
                        .modelName(anyModel)
                        .maxTokens(ANTHROPIC_DEFAULT_MAX_TOKENS)
                        .timeout(timeout)
                        .build();
            case OLLAMA -> openAiCompatible(ollamaOpenAiUrl(route.baseUrl()), secret, anyModel);
            case OPENAI, OPENAI_COMPATIBLE, DEMO -> openAiCompatible(route.baseUrl(), secret, anyModel);
        };
    }

    private StreamingChatModel openAiCompatible(String baseUrl, String secret, String model) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(secret)
                .modelName(model)
                .timeout(timeout)
                .build();
    }

    private SecretSealer opener() {
        if (sealer == null) {
            throw new SecretUnavailableException("no master key is configured (LYSS_SECURITY_MASTER_KEY)");
        }
        return sealer;
    }

    /** Ollama serves the OpenAI protocol under {@code /v1}; accept its plain base URL too. */
    static String ollamaOpenAiUrl(String baseUrl) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return trimmed.endsWith("/v1") ? trimmed : trimmed + "/v1";
    }
}
