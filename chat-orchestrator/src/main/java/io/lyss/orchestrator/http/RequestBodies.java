package io.lyss.orchestrator.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a client's request body whole, up to a limit. A body whose length the client declared is read into an
 * array of that length; reading to the end of a body of unknown length goes through a 16 KiB buffer and a copy,
 * which per request was a large part of what the gateway allocated (docs/benchmarks.md, stop 15).
 */
public final class RequestBodies {

    private RequestBodies() {}

    /**
     * The body, or its first {@code maxBytes + 1} bytes: an array longer than {@code maxBytes} means the body is
     * larger than allowed.
     */
    public static byte[] readUpTo(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        int limit = declared >= 0 && declared <= maxBytes ? (int) declared : maxBytes + 1;
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(limit);
        }
    }
}
