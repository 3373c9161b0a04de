package io.tlslab.fleet.lab;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every lab listener: TLS presenting one scenario's chain (absent on the plain-HTTP index
 * port), an idle limit, a small HTTP/1.1 codec and the fixed pages.
 */
final class LabChannelInitializer extends ChannelInitializer<Channel> {
    /** Requests are one line and a few headers; anything bigger is not a client probing a certificate. */
    static final int MAX_REQUEST_BYTES = 8192;

    static final int IDLE_SECONDS = 10;

    private final SslContext tls;
    private final StaticPagesHandler pages;

    /**
     * @param tls null for plain HTTP
     */
    LabChannelInitializer(SslContext tls, StaticPagesHandler pages) {
        this.tls = tls;
        this.pages = pages;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast("http", new HttpServerCodec(4096, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES))
                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("pages", pages);
    }
}
