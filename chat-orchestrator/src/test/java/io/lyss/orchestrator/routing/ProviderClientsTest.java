package io.lyss.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.security.secrets.MasterKey;
import io.lyss.security.secrets.SecretSealer;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderClientsTest {

    private static final String SECRET = "sk-upstream-0123456789";

    private final SecretSealer sealer = new SecretSealer(randomKey());
    private final ProviderClients clients = new ProviderClients(sealer, Duration.ofSeconds(5));

    @Test
    void anOpenAiEndpointIsWorkedOutOncePerAddressAndSecret() {
        ChannelRoute route = route(ProviderType.OPENAI_COMPATIBLE, "http://vllm:8000/v1/", sealer.seal(SECRET, "ch_1"));

        OpenAiEndpoint endpoint = clients.openAiEndpoint(route);

        assertThat(endpoint.chatCompletions()).isEqualTo(URI.create("http://vllm:8000/v1/chat/completions"));
        assertThat(endpoint.embeddings()).isEqualTo(URI.create("http://vllm:8000/v1/embeddings"));
        assertThat(endpoint.authorization()).isEqualTo("Bearer " + SECRET);
        assertThat(clients.openAiEndpoint(route)).isSameAs(endpoint);
    }

    @Test
    void aRotatedSecretOrAMovedChannelGetsANewEndpoint() {
        ChannelRoute before = route(ProviderType.OPENAI, "https://api.example.com", sealer.seal(SECRET, "ch_1"));
        OpenAiEndpoint first = clients.openAiEndpoint(before);

        ChannelRoute rotated = route(ProviderType.OPENAI, "https://api.example.com", sealer.seal("sk-new-1", "ch_1"));
        assertThat(clients.openAiEndpoint(rotated).authorization()).isEqualTo("Bearer sk-new-1");

        ChannelRoute moved = route(ProviderType.OLLAMA, "http://gpu:11434", rotated.secret());
        assertThat(clients.openAiEndpoint(moved).chatCompletions())
                .isEqualTo(URI.create("http://gpu:11434/v1/chat/completions"));
        assertThat(clients.openAiEndpoint(before)).isNotSameAs(first); // the old one was dropped, not kept
    }

    @Test
    void anEndpointNeverPrintsItsSecret() {
        OpenAiEndpoint endpoint = clients.openAiEndpoint(
                route(ProviderType.OPENAI, "https://api.example.com", sealer.seal(SECRET, "ch_1")));

        assertThat(endpoint.toString()).doesNotContain(SECRET).contains("api.example.com");
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsRefusedWithoutItsSecret() {
        ChannelRoute broken = route(ProviderType.OPENAI_COMPATIBLE, "http://bad host", sealer.seal(SECRET, "ch_1"));

        assertThatThrownBy(() -> clients.openAiEndpoint(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(SECRET);
    }

    private static ChannelRoute route(ProviderType provider, String baseUrl, SealedSecret secret) {
        return new ChannelRoute("ch_1", "ws_1", provider, baseUrl, Set.of("m"), 0, 1, secret);
    }

    private static MasterKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }
}
