package io.lyss.orchestrator.chat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The relay's HTTP client for providers: pooled keep-alive connections, blocking I/O on the calling (virtual)
 * thread, no redirects, cookies or automatic retries (routing decides retries). Measured against the JDK client
 * in docs/benchmarks.md: a fraction of its CPU and latency per call.
 */
final class UpstreamHttp implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 2_000;

    private final CloseableHttpClient client;

    UpstreamHttp(Duration connectTimeout) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .build())
                .setDefaultSocketConfig(
                        SocketConfig.custom().setTcpNoDelay(true).build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableContentCompression()
                .build();
    }

    /** An answer whose body must be read or closed; closing it before its end cuts the provider off. */
    record Answer(int status, InputStream body) {}

    /**
     * POSTs JSON; {@code timeout} bounds the wait for the answer to begin and every pause while it is read.
     *
     * @throws java.net.SocketTimeoutException when the provider took longer than {@code timeout}
     */
    Answer postJson(String url, String authorization, byte[] json, Duration timeout) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setHeader("Authorization", authorization);
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        ClassicHttpResponse response = client.executeOpen(null, post, context);
        InputStream content = response.getEntity() == null
                ? InputStream.nullInputStream()
                : response.getEntity().getContent();
        return new Answer(response.getCode(), new Body(content, post, response));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /**
     * A provider's body. Read to its end, closing returns the connection to the pool; closed earlier (the client
     * left, a first-token timeout, an error body read in part), it cancels the exchange at once instead of
     * draining the rest of a long stream.
     */
    private static final class Body extends FilterInputStream {

        private final HttpPost exchange;
        private final ClassicHttpResponse response;
        private volatile boolean ended;

        Body(InputStream content, HttpPost exchange, ClassicHttpResponse response) {
            super(content);
            this.exchange = exchange;
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            ended |= read < 0;
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            ended |= read < 0;
            return read;
        }

        @Override
        public void close() throws IOException {
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
