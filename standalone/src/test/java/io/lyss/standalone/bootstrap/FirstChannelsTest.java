package io.lyss.standalone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.command.admin.ChannelSpec;
import io.lyss.events.governance.ProviderType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstChannelsTest {

    @Test
    void withoutAProviderKeyTheDemoProviderAnswersLocally() {
        List<ChannelSpec> channels = FirstChannels.from(new BootstrapProperties(null, "", " ", null, List.of()), 8123);
        assertThat(channels).singleElement().satisfies(channel -> {
            assertThat(channel.provider()).isEqualTo(ProviderType.DEMO);
            assertThat(channel.baseUrl()).isEqualTo("http://127.0.0.1:8123/demo/v1");
            assertThat(channel.models()).containsExactly("lyss-demo");
            assertThat(channel.apiKey()).isNull();
        });
    }

    @Test
    void eachProviderInTheEnvironmentGetsAChannelInsteadOfTheDemo() {
        var properties = new BootstrapProperties(
                null, "sk-openai", "sk-ant", "http://gpu:11434", List.of("llama3.2", "qwen2.5"));
        List<ChannelSpec> channels = FirstChannels.from(properties, 8080);
        assertThat(channels)
                .extracting(ChannelSpec::provider)
                .containsExactly(ProviderType.OPENAI, ProviderType.ANTHROPIC, ProviderType.OLLAMA);
        assertThat(channels.get(0).apiKey()).isEqualTo("sk-openai");
        assertThat(channels.get(1).apiKey()).isEqualTo("sk-ant");
        assertThat(channels.get(2).models()).containsExactly("llama3.2", "qwen2.5");
        assertThat(channels)
                .allSatisfy(channel -> assertThat(channel.toString()).doesNotContain("sk-"));
    }
}
