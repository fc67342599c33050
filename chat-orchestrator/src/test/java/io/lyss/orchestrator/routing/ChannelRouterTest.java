package io.lyss.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.governance.ProviderType;
import io.lyss.orchestrator.governance.ChannelRoute;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelRouterTest {

    private final ChannelRouter router = new ChannelRouter(new Random(42));

    @Test
    void higherPriorityTiersComeFirst() {
        var backup = route("backup", 0, 100);
        var primary = route("primary", 10, 1);
        var last = route("last", -5, 1);
        assertThat(router.order(List.of(backup, last, primary))).containsExactly(primary, backup, last);
    }

    @Test
    void insideATierTrafficSplitsByWeight() {
        var heavy = route("heavy", 0, 3);
        var light = route("light", 0, 1);
        int heavyFirst = 0;
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            List<ChannelRoute> order = router.order(List.of(light, heavy));
            assertThat(order).containsExactlyInAnyOrder(heavy, light);
            if (order.getFirst() == heavy) {
                heavyFirst++;
            }
        }
        assertThat(heavyFirst / (double) rounds).isBetween(0.73, 0.77);
    }

    @Test
    void ollamaBaseUrlsGainTheOpenAiPath() {
        assertThat(ProviderClients.ollamaOpenAiUrl("http://gpu:11434")).isEqualTo("http://gpu:11434/v1");
        assertThat(ProviderClients.ollamaOpenAiUrl("http://gpu:11434/")).isEqualTo("http://gpu:11434/v1");
        assertThat(ProviderClients.ollamaOpenAiUrl("http://gpu:11434/v1")).isEqualTo("http://gpu:11434/v1");
    }

    @Test
    void openAiBaseUrlsLoseEveryTrailingSlash() {
        assertThat(ProviderClients.openAiBaseUrl(at("http://vllm:8000/v1"))).isEqualTo("http://vllm:8000/v1");
        assertThat(ProviderClients.openAiBaseUrl(at("http://vllm:8000/v1//"))).isEqualTo("http://vllm:8000/v1");
        assertThat(ProviderClients.openAiBaseUrl(at("https://api.example.com/")))
                .isEqualTo("https://api.example.com");
    }

    private static ChannelRoute at(String baseUrl) {
        return new ChannelRoute("c", "ws_1", ProviderType.OPENAI_COMPATIBLE, baseUrl, Set.of("m"), 0, 1, null);
    }

    private static ChannelRoute route(String id, int priority, int weight) {
        return new ChannelRoute(
                id, "ws_1", ProviderType.OPENAI_COMPATIBLE, "http://x", Set.of("m"), priority, weight, null);
    }
}
