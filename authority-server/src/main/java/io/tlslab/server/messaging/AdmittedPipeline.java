package io.tlslab.server.messaging;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * Stands right after {@link Admission} until it lets the connection in (its channelActive), then adds
 * the listener's handlers, passes channelActive on to them and steps aside. A connection waiting in the
 * handshake queue therefore carries no TLS engine, no buffers and no timers of its own.
 */
final class AdmittedPipeline extends ChannelInboundHandlerAdapter {
    private final Consumer<ChannelPipeline> build;

    AdmittedPipeline(Consumer<ChannelPipeline> build) {
        this.build = build;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        build.accept(ctx.pipeline()); // added after this handler, so the event below reaches them
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }
}
