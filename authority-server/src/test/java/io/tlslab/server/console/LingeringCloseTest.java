package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LingeringCloseTest {
    private final AtomicReference<ChannelHandlerContext> answering = new AtomicReference<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            answering.set(ctx);
        }
    });

    @Test
    void whatTheClientStillSendsIsDroppedBeforeAnyOtherHandlerSeesIt() {
        LingeringClose.start(answering.get(), 1_000, 2_000);
        ByteBuf rest = Unpooled.wrappedBuffer(new byte[300]);

        channel.writeInbound(rest);

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(rest.refCnt()).isZero();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void theConnectionClosesOnceMoreThanTheLimitCame() {
        LingeringClose.start(answering.get(), 1_000, 2_000);

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[600]));
        assertThat(channel.isOpen()).isTrue();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[600]));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theConnectionClosesWhenTheGraceEndsEvenIfTheClientKeepsItOpen() {
        LingeringClose.start(answering.get(), 1_000, 2_000);

        channel.advanceTimeBy(1_999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void startingTwiceAddsOneHandler() {
        LingeringClose.start(answering.get(), 1_000, 2_000);
        LingeringClose.start(answering.get(), 1_000, 2_000);

        assertThat(channel.pipeline().names()).containsOnlyOnce(LingeringClose.NAME);
    }
}
