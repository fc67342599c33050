package io.lyss.orchestrator.embeddings;

import io.lyss.orchestrator.governance.ChannelRoute;
import io.lyss.orchestrator.routing.OpenAiEndpoint;
import io.lyss.orchestrator.routing.ProviderClients;
import io.lyss.orchestrator.routing.RoutingProperties;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Sends an embeddings request as received to one OpenAI-compatible channel. */
@Component
class EmbeddingsRelay {

    /** The channel's status (0 when unreachable) and body. */
    record Answer(int status, byte[] body) {}

    private final ProviderClients clients;
    private final Duration timeout;
    private final HttpClient http;

    EmbeddingsRelay(ProviderClients clients, RoutingProperties routing) {
        this.clients = clients;
        this.timeout = routing.firstTokenTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(routing.connectTimeout())
                .build();
    }

    Answer embed(ChannelRoute channel, byte[] body) {
        try {
            OpenAiEndpoint endpoint = clients.openAiEndpoint(channel);
            HttpRequest request = HttpRequest.newBuilder(endpoint.embeddings())
                    .header("Content-Type", "application/json")
                    .header("Authorization", endpoint.authorization())
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(0, new byte[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, new byte[0]);
        }
    }
}
