package io.lyss.orchestrator.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyModelsChanged;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ApiKeyRotated;
import io.lyss.events.governance.ApiKeySemanticCacheChanged;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ChannelDisabled;
import io.lyss.events.governance.ChannelEnabled;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.ChannelUpdated;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.ModelAliasRemoved;
import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import io.lyss.orchestrator.openai.OpenAiError;
import io.lyss.security.keys.VirtualKeys;
import java.time.Instant;
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

    @Test
    void aRotatedKeyWorksOnlyWithItsNewSecretAndAnExpiredKeyNotAtAll() {
        view.apply(new ApiKeyIssued("key_1", "ws_1", "ci", key.hash(), key.visiblePrefix(), List.of(), null));
        VirtualKeys.IssuedKey rotated = VirtualKeys.issue();
        view.apply(new ApiKeyRotated("key_1", "ws_1", rotated.hash(), rotated.visiblePrefix()));

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + key.plainKey()))
                .isInstanceOf(OpenAiError.class);
        assertThat(authenticator.authenticate("Bearer " + rotated.plainKey()).keyId())
                .isEqualTo("key_1");

        VirtualKeys.IssuedKey expired = VirtualKeys.issue();
        view.apply(new ApiKeyIssued(
                "key_2",
                "ws_1",
                "old",
                expired.hash(),
                expired.visiblePrefix(),
                List.of(),
                null,
                Instant.now().minusSeconds(1)));
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + expired.plainKey()))
                .isInstanceOfSatisfying(
                        OpenAiError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void changedModelListsApplyToTheKey() {
        view.apply(new ApiKeyIssued("key_1", "ws_1", "ci", key.hash(), key.visiblePrefix(), List.of("a"), null));
        view.apply(new ApiKeyModelsChanged("key_1", "ws_1", List.of("b")));

        KeyGrant grant = authenticator.authenticate("Bearer " + key.plainKey());
        assertThat(grant.mayCall("a")).isFalse();
        assertThat(grant.mayCall("b")).isTrue();
    }

    @Test
    void theKeysSemanticCacheSettingFollowsItsEventsAndSurvivesARotation() {
        view.apply(new ApiKeyIssued("key_1", "ws_1", "ci", key.hash(), key.visiblePrefix(), List.of(), null));
        assertThat(authenticator.authenticate("Bearer " + key.plainKey()).semanticCache())
                .isFalse();

        view.apply(new ApiKeySemanticCacheChanged("key_1", "ws_1", true));
        assertThat(authenticator.authenticate("Bearer " + key.plainKey()).semanticCache())
                .isTrue();

        VirtualKeys.IssuedKey rotated = VirtualKeys.issue();
        view.apply(new ApiKeyRotated("key_1", "ws_1", rotated.hash(), rotated.visiblePrefix()));
        assertThat(authenticator.authenticate("Bearer " + rotated.plainKey()).semanticCache())
                .isTrue();

        view.apply(new ApiKeySemanticCacheChanged("key_1", "ws_1", false));
        assertThat(authenticator.authenticate("Bearer " + rotated.plainKey()).semanticCache())
                .isFalse();
    }

    @Test
    void disabledChannelsAreNotRoutedNorListedUntilEnabledAgain() {
        view.apply(channel("ch_1", "ws_1", 0, ProviderType.OPENAI, "gpt-4o"));
        view.apply(new ChannelDisabled("ch_1", "ws_1"));

        assertThat(view.channelsServing("ws_1", "gpt-4o")).isEmpty();
        assertThat(view.modelsOf("ws_1")).isEmpty();

        view.apply(new ChannelEnabled("ch_1", "ws_1"));
        assertThat(view.channelsServing("ws_1", "gpt-4o")).hasSize(1);
    }

    @Test
    void updatedAndRotatedChannelsRouteWithTheirNewSettings() {
        view.apply(channel("ch_1", "ws_1", 0, ProviderType.OPENAI, "gpt-4o"));
        view.apply(new ChannelUpdated("ch_1", "ws_1", "http://new", List.of("gpt-5"), 3, 2));
        var sealed = new SealedSecret("mk-2", "bm9uY2U=", "Y2lwaGVy");
        view.apply(new ChannelSecretRotated("ch_1", "ws_1", sealed, ChannelSecretRotated.Reason.PROVIDER_SECRET));

        assertThat(view.channelsServing("ws_1", "gpt-4o")).isEmpty();
        ChannelRoute route = view.channelsServing("ws_1", "gpt-5").getFirst();
        assertThat(route.baseUrl()).isEqualTo("http://new");
        assertThat(route.priority()).isEqualTo(3);
        assertThat(route.secret()).isEqualTo(sealed);
    }

    @Test
    void anAliasRoutesToItsChannelsUnderTheirUpstreamNamesAndIsListed() {
        view.apply(channel("ch_1", "ws_1", 0, ProviderType.OPENAI, "gpt-4o-mini"));
        view.apply(channel("ch_2", "ws_1", 5, ProviderType.ANTHROPIC, "claude-haiku"));
        view.apply(new ModelAliasDefined(
                "alias_1",
                "ws_1",
                "fast",
                List.of(
                        new ModelAliasDefined.Target("ch_1", "gpt-4o-mini-2024-07-18"),
                        new ModelAliasDefined.Target("ch_2", "claude-3-5-haiku-latest"))));

        assertThat(view.channelsServing("ws_1", "fast"))
                .extracting(ChannelRoute::channelId, route -> route.upstreamModelFor("fast"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ch_1", "gpt-4o-mini-2024-07-18"),
                        org.assertj.core.groups.Tuple.tuple("ch_2", "claude-3-5-haiku-latest"));
        assertThat(view.modelsOf("ws_1")).containsEntry("fast", ProviderType.ANTHROPIC);

        view.apply(new ChannelDisabled("ch_2", "ws_1"));
        assertThat(view.channelsServing("ws_1", "fast"))
                .extracting(ChannelRoute::channelId)
                .containsExactly("ch_1");
        view.apply(new ModelAliasRemoved("alias_1", "ws_1", "fast"));
        assertThat(view.channelsServing("ws_1", "fast")).isEmpty();
        assertThat(view.modelsOf("ws_1")).doesNotContainKey("fast");
    }
}
