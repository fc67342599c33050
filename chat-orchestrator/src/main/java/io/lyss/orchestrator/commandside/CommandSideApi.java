package io.lyss.orchestrator.commandside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The command side's internal API as the orchestrator calls it: JSON POSTs carrying the internal bearer token, over
 * one HTTP client (one pool of connections) shared by the recording, the quotas and the circuit trial claims. Bodies
 * are written by the application's JSON mapper, with instants formatted by {@link IsoInstantSerializer}.
 */
public final class CommandSideApi {

    private final String baseUrl;
    private final String internalToken;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    public CommandSideApi(String commandSideUrl, String internalToken, ObjectMapper json) {
        this.baseUrl = commandSideUrl.replaceAll("/+$", "");
        this.internalToken = internalToken;
        this.json = json.copy().registerModule(new SimpleModule().addSerializer(new IsoInstantSerializer()));
    }

    /** A request body as JSON; {@code what} names it if it cannot be serialised (never its content). */
    public byte[] body(Object request, String what) {
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + what, e);
        }
    }

    /**
     * One POST on the caller's thread.
     *
     * @param timeout how long the command side may take to answer
     */
    public HttpResponse<byte[]> post(String path, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(request(path, body, timeout), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** One POST whose answer completes the future, off the caller's thread. */
    public CompletableFuture<HttpResponse<byte[]>> postAsync(String path, byte[] body, Duration timeout) {
        return http.sendAsync(request(path, body, timeout), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path, byte[] body, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + internalToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
