package io.lyss.standalone.bootstrap;

import io.lyss.command.admin.ChannelSpec;
import io.lyss.events.governance.ProviderType;
import java.util.ArrayList;
import java.util.List;

/** The channels of the first run: one per provider key found in the environment, else the demo provider. */
final class FirstChannels {

    private FirstChannels() {}

    static List<ChannelSpec> from(BootstrapProperties properties, int port) {
        List<ChannelSpec> channels = new ArrayList<>();
        if (present(properties.openaiApiKey())) {
            channels.add(new ChannelSpec(
                    "OpenAI",
                    ProviderType.OPENAI,
                    "https://api.openai.com/v1",
                    List.of("gpt-4o-mini", "gpt-4o"),
                    0,
                    1,
                    properties.openaiApiKey()));
        }
        if (present(properties.anthropicApiKey())) {
            channels.add(new ChannelSpec(
                    "Anthropic",
                    ProviderType.ANTHROPIC,
                    "https://api.anthropic.com/v1",
                    List.of("claude-sonnet-4-5", "claude-haiku-4-5"),
                    0,
                    1,
                    properties.anthropicApiKey()));
        }
        if (present(properties.ollamaBaseUrl())) {
            channels.add(new ChannelSpec(
                    "Ollama", ProviderType.OLLAMA, properties.ollamaBaseUrl(), properties.ollamaModels(), 0, 1, null));
        }
        if (channels.isEmpty()) {
            channels.add(new ChannelSpec(
                    "Demo provider (local simulator)",
                    ProviderType.DEMO,
                    "http://127.0.0.1:" + port + "/demo/v1",
                    List.of("lyss-demo"),
                    0,
                    1,
                    null));
        }
        return channels;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
