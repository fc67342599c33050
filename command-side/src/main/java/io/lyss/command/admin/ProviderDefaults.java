package io.lyss.command.admin;

import io.lyss.events.governance.ProviderType;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns a channel request into a {@link ChannelSpec}: provider names, default base URLs, required secrets. */
final class ProviderDefaults {

    private ProviderDefaults() {}

    static ChannelSpec toSpec(AdminRequests.AddChannelRequest request) {
        ProviderType provider = parseProvider(request.provider());
        String baseUrl = blankToNull(request.baseUrl());
        if (baseUrl == null) {
            baseUrl = switch (provider) {
                case OPENAI -> "https://api.openai.com/v1";
                case ANTHROPIC -> "https://api.anthropic.com/v1";
                case OLLAMA, OPENAI_COMPATIBLE, DEMO ->
                    throw new InvalidRequestException(
                            "baseUrl",
                            "is required for provider " + provider.name().toLowerCase(Locale.ROOT));
            };
        }
        requireHttpUrl(baseUrl);
        String apiKey = blankToNull(request.apiKey());
        if (apiKey == null && (provider == ProviderType.OPENAI || provider == ProviderType.ANTHROPIC)) {
            throw new InvalidRequestException(
                    "apiKey", "is required for provider " + provider.name().toLowerCase(Locale.ROOT));
        }
        return new ChannelSpec(
                request.name(),
                provider,
                baseUrl,
                request.models(),
                request.priority() == null ? 0 : request.priority(),
                request.weight() == null ? 1 : request.weight(),
                apiKey);
    }

    private static ProviderType parseProvider(String name) {
        try {
            return ProviderType.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(ProviderType.values())
                    .map(type -> type.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new InvalidRequestException("provider", "must be one of: " + known);
        }
    }

    static void requireHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("baseUrl", "must be an absolute http(s) URL");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
