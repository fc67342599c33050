package io.lyss.standalone.search;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands each request body to the HTTP client as one buffer. The Elasticsearch client gives a bulk request's NDJSON
 * as a buffer per line and one per newline, and the low-level REST client sends each buffer as a chunk of its own:
 * four writes, four TCP segments and four reads on the Elasticsearch side per indexed document. Joined, a bulk
 * request is a few writes whatever its size (docs/benchmarks.md, stop 16).
 */
final class OneBufferBodies implements TransportHttpClient {

    private final TransportHttpClient http;

    OneBufferBodies(TransportHttpClient http) {
        this.http = http;
    }

    @Override
    public TransportOptions createOptions(TransportOptions options) {
        return http.createOptions(options);
    }

    @Override
    public Response performRequest(String endpointId, Node node, Request request, TransportOptions options)
            throws IOException {
        return http.performRequest(endpointId, node, joined(request), options);
    }

    @Override
    public CompletableFuture<Response> performRequestAsync(
            String endpointId, Node node, Request request, TransportOptions options) {
        return http.performRequestAsync(endpointId, node, joined(request), options);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** The request with its body in one buffer; as it was when it has no body or one buffer already. */
    static Request joined(Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return request;
        }
        int buffers = 0;
        int bytes = 0;
        for (ByteBuffer buffer : body) {
            buffers++;
            bytes = Math.addExact(bytes, buffer.remaining());
        }
        if (buffers <= 1) {
            return request;
        }
        ByteBuffer one = ByteBuffer.allocate(bytes);
        for (ByteBuffer buffer : body) {
            one.put(buffer.duplicate());
        }
        return new Request(
                request.method(), request.path(), request.queryParams(), request.headers(), List.of(one.flip()));
    }
}
