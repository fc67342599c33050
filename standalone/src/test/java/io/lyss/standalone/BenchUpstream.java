package io.lyss.standalone;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest honest OpenAI-compatible upstream at hand: pre-serialised answers, no parsing beyond reading the body
 * and spotting {@code "stream":true}, all on one Netty event-loop thread. It shares the two cores with the gateway it
 * measures, as a remote provider would not, so it must take as little of them as it can; the direct baseline and
 * the gateway call this same server.
 */
final class BenchUpstream implements AutoCloseable {

    private static final ByteBuf COMPLETION = answer("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
            + "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"The answer is forty-two.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":6,\"total_tokens\":23}}");
    private static final ByteBuf STREAM = answer(streamBody());
    private static final byte[] STREAM_FLAG = "\"stream\":true".getBytes(StandardCharsets.UTF_8);

    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final Channel server;

    BenchUpstream() throws InterruptedException {
        server = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(1024 * 1024))
                                .addLast(new Answerer());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/v1";
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Answerer extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            boolean stream = contains(request.content(), STREAM_FLAG);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, (stream ? STREAM : COMPLETION).retainedDuplicate());
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, stream ? "text/event-stream" : "application/json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                context.writeAndFlush(response);
            } else {
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }

        private static boolean contains(ByteBuf content, byte[] flag) {
            int last = content.writerIndex() - flag.length;
            for (int at = content.readerIndex(); at <= last; at++) {
                int matched = 0;
                while (matched < flag.length && content.getByte(at + matched) == flag[matched]) {
                    matched++;
                }
                if (matched == flag.length) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An answer shared by every response: never released, each response takes a retained duplicate. */
    private static ByteBuf answer(String body) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String streamBody() {
        StringBuilder body = new StringBuilder();
        String head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"bench-model\",";
        body.append(head)
                .append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
        for (String piece : new String[] {"The", " answer", " is", " forty", "-two", "."}) {
            body.append(head)
                    .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(piece)
                    .append("\"}}]}\n\n");
        }
        body.append(head).append("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        body.append(head)
                .append(
                        "\"choices\":[],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":6,\"total_tokens\":23}}\n\n");
        body.append("data: [DONE]\n\n");
        return body.toString();
    }
}
