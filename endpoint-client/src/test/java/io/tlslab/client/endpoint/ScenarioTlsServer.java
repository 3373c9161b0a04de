package io.tlslab.client.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.protocol.wire.Message;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.wire.MessageFrameCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * An in-process TLS server on 127.0.0.1 (ephemeral port) that presents one scenario exactly: the
 * served chain as minted, with the leaf's key, through either engine. Speaks enough of the message
 * protocol to answer HELLO with settings, and records what it received, including how many
 * decrypted application bytes arrived (a strict endpoint must send none to a bad server).
 */
public final class ScenarioTlsServer implements AutoCloseable {

    /** What the server does when an endpoint's HELLO arrives. */
    @FunctionalInterface
    public interface HelloAction extends BiConsumer<ChannelHandlerContext, Message.Hello> {}

    /** Answers HELLO with these settings. */
    public static HelloAction pushSettings(Map<String, String> settings) {
        return (ctx, hello) -> ctx.writeAndFlush(new Message.Settings(settings));
    }

    private static final String APP_BYTES = "appBytes";

    /** Answers HELLO with raw bytes written straight into the TLS layer, bypassing the message framing. */
    public static HelloAction sendRaw(byte[] bytes) {
        return (ctx, hello) ->
                ctx.pipeline().context(APP_BYTES).writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
    }

    /** Answers HELLO with settings, then reads nothing more and answers nothing (a hung server). */
    public static HelloAction pushSettingsThenGoQuiet(Map<String, String> settings) {
        return (ctx, hello) -> {
            ctx.writeAndFlush(new Message.Settings(settings));
            ctx.pipeline().replace(MessageFrameCodec.MESSAGE_CODEC, "blackHole", new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext c, Object msg) {
                    io.netty.util.ReferenceCountUtil.release(msg);
                }
            });
        };
    }

    /** Answers HELLO with settings and a goodbye, then hangs up: a good but short connection. */
    public static HelloAction pushSettingsThenHangUp(Map<String, String> settings) {
        return (ctx, hello) -> {
            ctx.write(new Message.Settings(settings));
            ctx.writeAndFlush(new Message.Goodbye("test server hangs up"))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        };
    }

    private final Channel serverChannel;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final AtomicLong applicationBytes = new AtomicLong();
    private final AtomicInteger handshakesSucceeded = new AtomicInteger();
    private final AtomicInteger handshakesFailed = new AtomicInteger();
    private final SslContext sslContext;

    private ScenarioTlsServer(
            EventLoopGroup group, boolean epoll, MintedScenario scenario, TlsEngine engine, HelloAction onHello)
            throws Exception {
        // a key manager for both engines: forServer(key, chain) goes through a PKCS12 key store, which
        // refuses a chain out of order (REVERSED_CHAIN), and the JDK's own key managers skip MD5/expired certs
        this.sslContext = SslContextBuilder.forServer(
                        new FixedAliasKeyManager(scenario.leaf().privateKey(), scenario.servedChain()))
                .sslProvider(engine.sslProvider())
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
        this.serverChannel = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(sslContext.newHandler(ch.alloc()));
                        ch.pipeline().addLast(APP_BYTES, new ApplicationByteCounter());
                        MessageFrameCodec.addAfter(
                                ch.pipeline(), ch.pipeline().lastContext().name());
                        ch.pipeline().addLast(new ServerSession(onHello));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    public static ScenarioTlsServer start(
            EndpointTransport transport, MintedScenario scenario, TlsEngine engine, HelloAction onHello)
            throws Exception {
        return new ScenarioTlsServer(transport.group(), transport.isEpoll(), scenario, engine, onHello);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public List<Message> received() {
        return received;
    }

    public <T extends Message> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Decrypted bytes received from endpoints, over all connections. */
    public long applicationBytes() {
        return applicationBytes.get();
    }

    public int handshakesSucceeded() {
        return handshakesSucceeded.get();
    }

    public int handshakesFailed() {
        return handshakesFailed.get();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        io.netty.util.ReferenceCountUtil.release(sslContext);
    }

    /** Counts what the TLS layer decrypted: anything here was sent by the endpoint after the handshake. */
    private final class ApplicationByteCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                applicationBytes.addAndGet(((ByteBuf) msg).readableBytes());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent) {
                if (((SslHandshakeCompletionEvent) evt).isSuccess()) {
                    handshakesSucceeded.incrementAndGet();
                } else {
                    handshakesFailed.incrementAndGet();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    private final class ServerSession extends SimpleChannelInboundHandler<Message> {
        private final HelloAction onHello;

        ServerSession(HelloAction onHello) {
            this.onHello = onHello;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            received.add(msg);
            if (msg instanceof Message.Hello) {
                onHello.accept(ctx, (Message.Hello) msg);
            } else if (msg instanceof Message.Ping) {
                ctx.writeAndFlush(new Message.Pong(((Message.Ping) msg).nonce()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a refused handshake is the expected end of half the scenarios: just hang up
            ctx.close();
        }
    }
}
