package io.lyss.standalone.search;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands each request body to the HTTP client joined into buffers of up to {@value #PIECE_BYTES} bytes. The
 * Elasticsearch client gives a bulk request's NDJSON as a buffer per line and one per newline, and the low-level
 * REST client sends each buffer as a chunk of its own: four writes, four TCP segments and four reads on the
 * Elasticsearch side per indexed document (docs/benchmarks.md, stop 16). Joined, a bulk request of 2,000 documents
 * is a handful of writes; a piece is larger than {@value #PIECE_BYTES} bytes only to hold a single larger buffer.
 * Pieces stay under a quarter of a G1 region (1 MiB with the platform's 1 GiB heap; objects of half a region or more
 * are humongous, and each set off a concurrent marking: ADR 0048).
 */
final class JoinedBodies implements TransportHttpClient {

    static final int PIECE_BYTES = 256 * 1024;

    private final TransportHttpClient http;

    JoinedBodies(TransportHttpClient http) {
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

    /** The request with its body joined into pieces; as it was when it has no body or a single buffer. */
    static Request joined(Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return request;
        }
        int buffers = 0;
        long left = 0;
        for (ByteBuffer buffer : body) {
            buffers++;
            left += buffer.remaining();
        }
        if (buffers <= 1) {
            return request;
        }
        List<ByteBuffer> pieces = new ArrayList<>();
        ByteBuffer piece = null;
        for (ByteBuffer buffer : body) {
            int size = buffer.remaining();
            if (piece != null && piece.remaining() < size) {
                pieces.add(piece.flip());
                piece = null;
            }
            if (piece == null) {
                piece = ByteBuffer.allocate((int) Math.max(size, Math.min(PIECE_BYTES, left)));
            }
            piece.put(buffer.duplicate());
            left -= size;
        }
        pieces.add(piece.flip());
        return new Request(request.method(), request.path(), request.queryParams(), request.headers(), pieces);
    }
}
