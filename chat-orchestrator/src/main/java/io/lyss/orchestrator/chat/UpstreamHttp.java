package io.lyss.orchestrator.chat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The relay's HTTP client for providers: pooled keep-alive connections, blocking I/O on the calling (virtual)
 * thread, no redirects, cookies or automatic retries (routing decides retries). Measured against the JDK client
 * in docs/benchmarks.md: a fraction of its CPU and latency per call. Its sockets have no read timeout: a
 * {@link SilenceWatchdog} ends the exchanges that take too long, which costs far less per read.
 */
final class UpstreamHttp implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 2_000;

    private final CloseableHttpClient client;
    private final SilenceWatchdog watchdog;

    UpstreamHttp(Duration connectTimeout, SilenceWatchdog watchdog) {
        this.watchdog = watchdog;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.DISABLED)
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(Timeout.DISABLED)
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.DISABLED)
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableContentCompression()
                .build();
    }

    /**
     * An answer whose body must be read or closed; closing it before its end cuts the provider off. Its
     * {@code length} is the body's declared length in bytes, or -1 when the provider did not declare it.
     */
    record Answer(int status, long length, InputStream body) {

        /**
         * The whole body, read into an array of its declared length when there is one (reading to the end of a stream
         * of unknown length goes through a 16 KiB buffer and a copy, per answer).
         */
        byte[] readAll() throws IOException {
            try (body) {
                if (length < 0 || length >= Integer.MAX_VALUE) {
                    return body.readAllBytes();
                }
                byte[] bytes = body.readNBytes((int) length);
                body.read(); // reads the end, so that closing returns the connection to the pool
                return bytes;
            }
        }
    }

    /**
     * How long a provider may take: its whole answer, or (a stream) the wait for the answer to begin and every pause
     * while it is read.
     */
    record Patience(Duration timeout, boolean eachPause) {

        static Patience wholeAnswer(Duration timeout) {
            return new Patience(timeout, false);
        }

        static Patience eachPause(Duration timeout) {
            return new Patience(timeout, true);
        }
    }

    /**
     * POSTs JSON.
     *
     * @throws SocketTimeoutException when the provider took longer than {@code patience} allows, here or while its
     *     answer's body is read
     */
    Answer postJson(URI url, String authorization, byte[] json, Patience patience) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setHeader("Authorization", authorization);
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        SilenceWatchdog.Watch watch = watchdog.watch(patience.timeout(), post::cancel);
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, post, null);
        } catch (IOException | RuntimeException e) {
            watch.close();
            if (watch.expired()) {
                throw tookTooLong(patience);
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
        long length = entity == null ? 0 : entity.getContentLength();
        return new Answer(response.getCode(), length, new Body(content, post, response, watch, patience));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static SocketTimeoutException tookTooLong(Patience patience) {
        return new SocketTimeoutException("The provider took longer than " + patience.timeout()
                + (patience.eachPause() ? " to go on" : " to answer"));
    }

    /**
     * A provider's body. Read to its end, closing returns the connection to the pool; closed earlier (the client
     * left, a first-token timeout, an error body read in part), it cancels the exchange at once instead of
     * draining the rest of a long stream.
     */
    private static final class Body extends FilterInputStream {

        private final HttpPost exchange;
        private final ClassicHttpResponse response;
        private final SilenceWatchdog.Watch watch;
        private final Patience patience;
        private volatile boolean ended;

        Body(
                InputStream content,
                HttpPost exchange,
                ClassicHttpResponse response,
                SilenceWatchdog.Watch watch,
                Patience patience) {
            super(content);
            this.exchange = exchange;
            this.response = response;
            this.watch = watch;
            this.patience = patience;
        }

        @Override
        public int read() throws IOException {
            try {
                return heard(super.read());
            } catch (IOException e) {
                throw watch.expired() ? tookTooLong(patience) : e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return heard(super.read(buffer, offset, length));
            } catch (IOException e) {
                throw watch.expired() ? tookTooLong(patience) : e;
            }
        }

        private int heard(int read) {
            if (read < 0) {
                ended = true;
                watch.close();
            } else if (patience.eachPause()) {
                watch.heard();
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            watch.close();
            if (!ended) {
                exchange.cancel();
            }
            try {
                response.close();
            } catch (IOException e) {
                // a cancelled exchange fails to close its connection cleanly; it is discarded either way
            }
        }
    }
}
