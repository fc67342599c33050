package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyss.orchestrator.governance.GovernanceFeed;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.security.keys.VirtualKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A revoked key, a disabled channel and a changed model list reach every orchestrator instance: two independent
 * key views, each following the real Kafka topic with its own consumer, both apply each change.
 */
class GovernancePropagationIT extends GovernancePlatform {

    private static final List<GovernanceView> VIEWS = List.of(new GovernanceView(), new GovernanceView());
    private static List<GovernanceFeed> feeds;

    @BeforeAll
    static void startInstances() {
        feeds = VIEWS.stream()
                .map(view -> new GovernanceFeed(view, PlatformUnderTest.INFRA.kafkaBootstrapServers()))
                .toList();
        feeds.forEach(GovernanceFeed::start);
    }

    @AfterAll
    static void stopInstances() {
        feeds.forEach(GovernanceFeed::stop);
    }

    @Test
    void revocationsDisabledChannelsAndModelChangesReachBothInstances() {
        var tenant = calls.tenant(upstream.baseUrl(), "mock-prop", "sk-prop");
        String hash = VirtualKeys.hash(tenant.key());
        String ws = "/admin/v1/workspaces/" + tenant.workspaceId();
        await().atMost(Duration.ofSeconds(60)).until(() -> VIEWS.stream()
                .allMatch(view -> view.grantFor(hash).isPresent()
                        && !view.channelsServing(tenant.workspaceId(), "mock-prop")
                                .isEmpty()));

        assertThat(client.put(ws + "/keys/" + tenant.keyId() + "/models", PLATFORM.adminToken, "{\"models\":[\"x\"]}")
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> VIEWS.stream()
                .allMatch(view -> !view.grantFor(hash).orElseThrow().mayCall("mock-prop")));

        assertThat(client.post(ws + "/channels/" + tenant.channelId() + "/disable", PLATFORM.adminToken, "")
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> VIEWS.stream().allMatch(view -> view.channelsServing(tenant.workspaceId(), "mock-prop")
                        .isEmpty()));

        assertThat(client.delete(ws + "/keys/" + tenant.keyId(), PLATFORM.adminToken)
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> VIEWS.stream().allMatch(view -> view.grantFor(hash).isEmpty()));
        assertThat(calls.chat(tenant.key(), "mock-prop"))
                .as("the platform's own instance too")
                .isEqualTo(401);
    }
}
