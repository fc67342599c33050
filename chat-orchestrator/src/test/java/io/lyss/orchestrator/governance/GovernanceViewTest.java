package io.lyss.orchestrator.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.security.keys.VirtualKeys;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GovernanceViewTest {

    private final GovernanceView view = new GovernanceView();
    private final KeyAuthenticator authenticator = new KeyAuthenticator(view);
    private final VirtualKeys.IssuedKey key = VirtualKeys.issue();

    @Test
    void anIssuedKeyAuthenticatesUntilItIsRevoked() {
        view.apply(new ApiKeyIssued("key_1", "ws_1", "ci", key.hash(), key.visiblePrefix(), List.of("gpt-4o"), null));

        KeyGrant grant = authenticator.authenticate("Bearer " + key.plainKey());
        assertThat(grant).isEqualTo(new KeyGrant("key_1", "ws_1", Set.of("gpt-4o")));
        assertThat(grant.mayCall("gpt-4o")).isTrue();
        assertThat(grant.mayCall("gpt-4o-mini")).isFalse();

        view.apply(new ApiKeyRevoked("key_1", "ws_1"));
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + key.plainKey()))
                .isInstanceOfSatisfying(
                        OpenAiError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void malformedOrUnknownCredentialsAreRefused() {
        for (String header : new String[] {
            null,
            "",
            "Basic abc",
            "Bearer sk-openai-key",
            "Bearer " + VirtualKeys.issue().plainKey()
        }) {
            assertThatThrownBy(() -> authenticator.authenticate(header)).isInstanceOf(OpenAiError.class);
        }
    }

    @Test
    void channelsAreFoundByWorkspaceAndModel() {
        view.apply(channel("ch_1", "ws_1", 0, ProviderType.DEMO, "lyss-demo"));
        view.apply(channel("ch_2", "ws_1", 5, ProviderType.OPENAI, "gpt-4o", "lyss-demo"));
        view.apply(channel("ch_3", "ws_2", 0, ProviderType.OPENAI, "gpt-4o"));

        assertThat(view.channelsServing("ws_1", "lyss-demo"))
                .extracting(ChannelRoute::channelId)
                .containsExactlyInAnyOrder("ch_1", "ch_2");
        assertThat(view.channelsServing("ws_1", "gpt-4o"))
                .extracting(ChannelRoute::channelId)
                .containsExactly("ch_2");
        assertThat(view.channelsServing("ws_3", "gpt-4o")).isEmpty();
        assertThat(view.modelsOf("ws_1"))
                .containsOnlyKeys("gpt-4o", "lyss-demo")
                .containsEntry("lyss-demo", ProviderType.OPENAI);
    }

    private static ChannelAdded channel(
            String id, String workspace, int priority, ProviderType provider, String... models) {
        return new ChannelAdded(id, workspace, id, provider, "http://x", List.of(models), priority, 1, null);
    }
}
