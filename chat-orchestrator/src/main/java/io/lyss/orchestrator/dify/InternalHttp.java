package io.lyss.orchestrator.dify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Calls another Lyss module's internal API with the internal bearer token; any failure to reach it is a 503. */
final class InternalHttp {

    /** A reply: its status and body. */
    record Reply(int status, byte[] body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String baseUrl;
    private final String internalToken;

    InternalHttp(String baseUrl, String internalToken) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.internalToken = internalToken;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, byte[] json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + internalToken);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 500) {
                throw DifyError.unavailable();
            }
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw DifyError.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DifyError.unavailable();
        }
    }
}
