package io.lyss.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Calls the running platform over real HTTP, as its users would. */
final class PlatformClient {

    /** A response: status and body, parsed as JSON when it is JSON, and the Lyss turn id it names. */
    record Reply(int status, String body, String contentType, String turnId) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The {@code data:} payloads of a server-sent event stream, in order. */
        List<String> events() {
            return body.lines()
                    .filter(line -> line.startsWith("data: "))
                    .map(line -> line.substring(6))
                    .toList();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    PlatformClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    Reply post(String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(withBearer(request, bearer));
    }

    Reply put(String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        return send(withBearer(request, bearer));
    }

    Reply delete(String path, String bearer) {
        return send(
                withBearer(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), bearer));
    }

    Reply get(String path, String bearer) {
        return send(
                withBearer(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), bearer));
    }

    private static HttpRequest.Builder withBearer(HttpRequest.Builder request, String bearer) {
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Lyss-Turn-Id").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
