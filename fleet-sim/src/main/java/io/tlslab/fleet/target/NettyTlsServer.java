package io.tlslab.fleet.target;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.Transport;
import io.tlslab.tls.identity.ServedIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;

/**
 * A bare Netty TLS server on loopback that presents a given chain and does nothing after the
 * handshake: the floor against which a real server's handshake path is compared, and a target for
 * the driver's own tests. Binds an ephemeral port unless told otherwise.
 */
public final class NettyTlsServer implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup loops;
    private final Channel listener;
    private final Counters counters;

    private NettyTlsServer(MultiThreadIoEventLoopGroup loops, Channel listener, Counters counters) {
        this.loops = loops;
        this.listener = listener;
        this.counters = counters;
    }

    private record Counters(LongAdder handshakes, LongAdder failures) {}

    /**
     * @param servedChain leaf first, exactly as it is to be sent
     */
    public static NettyTlsServer start(
            PrivateKey key,
            List<X509Certificate> servedChain,
            TlsEngine engine,
            KeyExchangeGroup group,
            int port,
            int threads)
            throws SSLException, InterruptedException {
        SslContext context = TlsContexts.server(
                new ServedIdentity(key, servedChain),
                engine,
                TlsOptions.defaults().withGroup(group));
        MultiThreadIoEventLoopGroup loops = Transport.group(threads, "netty-tls-server");
        Counters counters = new Counters(new LongAdder(), new LongAdder());
        try {
            Channel listener = new ServerBootstrap()
                    .group(loops)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(context.newHandler(ch.alloc()), new HandshakeCounter(counters));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .sync()
                    .channel();
            return new NettyTlsServer(loops, listener, counters);
        } catch (RuntimeException | InterruptedException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public long handshakes() {
        return counters.handshakes().sum();
    }

    public long failures() {
        return counters.failures().sum();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Counts handshakes; the client decides when to hang up. */
    private static final class HandshakeCounter extends ChannelInboundHandlerAdapter {
        private final Counters counters;

        HandshakeCounter(Counters counters) {
            this.counters = counters;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                (e.isSuccess() ? counters.handshakes() : counters.failures()).increment();
                if (!e.isSuccess()) {
                    ctx.close();
                }
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
