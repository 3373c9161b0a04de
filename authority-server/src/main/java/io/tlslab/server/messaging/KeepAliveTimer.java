package io.tlslab.server.messaging;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alive deadlines of one connection after HELLO, on a single timer: {@link IdleStateEvent}s
 * for the session, READER_IDLE when nothing was read for the idle timeout (the session closes),
 * WRITER_IDLE when nothing was written for the ping interval (the session pings). The events and their
 * timing are those of Netty's {@code IdleStateHandler(idleTimeout, pingInterval, 0)}, which keeps two
 * scheduled tasks per connection; one timer halves what an idle connection holds in the scheduler
 * (15,000 endpoints: 15,000 tasks instead of 30,000). A write counts when it is made (Netty's handler
 * counts it when it completes, which costs a listener per write); a read counts when a message arrives.
 */
final class KeepAliveTimer extends ChannelDuplexHandler implements Runnable {
    /** The listener's deadlines, shared by all its connections; zero or negative turns a deadline off. */
    record Timing(long idleNanos, long pingNanos) {
        static Timing of(Duration idleTimeout, Duration pingInterval) {
            return new Timing(idleTimeout.toNanos(), pingInterval.toNanos());
        }

        boolean off() {
            return idleNanos <= 0 && pingNanos <= 0;
        }
    }

    private final Timing timing;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    /** Since when the reader (writer) idle time counts: the last read (write), or the last event of its kind. */
    private long readFrom;

    private long writeFrom;
    private boolean readerIdleFired;
    private boolean writerIdleFired;
    private boolean stopped;

    KeepAliveTimer(Timing timing) {
        this.timing = timing;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        readFrom = now();
        readerIdleFired = false;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        writeFrom = now();
        writerIdleFired = false;
        ctx.write(msg, promise);
    }

    private void start() {
        if (timer != null || stopped || timing.off()) {
            return;
        }
        readFrom = writeFrom = now();
        schedule(readFrom);
    }

    private void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The timer: fires whichever deadline passed, then waits for the nearer of the two. */
    @Override
    public void run() {
        timer = null;
        if (stopped) {
            return;
        }
        long now = now();
        if (timing.idleNanos() > 0 && now - readFrom >= timing.idleNanos()) {
            readFrom = now; // the next READER_IDLE a full idle timeout later, as IdleStateHandler does
            boolean first = !readerIdleFired;
            readerIdleFired = true;
            fire(first ? IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT : IdleStateEvent.READER_IDLE_STATE_EVENT);
        }
        if (stopped || !ctx.channel().isActive()) {
            return; // closed on READER_IDLE: no ping, no next check
        }
        if (timing.pingNanos() > 0 && now - writeFrom >= timing.pingNanos()) {
            writeFrom = now;
            boolean first = !writerIdleFired;
            writerIdleFired = true;
            fire(first ? IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT : IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        }
        if (!stopped) {
            schedule(now);
        }
    }

    private void fire(IdleStateEvent event) {
        try {
            ctx.fireUserEventTriggered(event);
        } catch (Throwable t) {
            ctx.fireExceptionCaught(t);
        }
    }

    private void schedule(long now) {
        long next = Long.MAX_VALUE;
        if (timing.idleNanos() > 0) {
            next = readFrom + timing.idleNanos();
        }
        if (timing.pingNanos() > 0) {
            next = Math.min(next, writeFrom + timing.pingNanos());
        }
        timer = ctx.executor().schedule(this, Math.max(0, next - now), TimeUnit.NANOSECONDS);
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    /** Whether a timer is pending (for tests: one per connection at most, none once stopped). */
    boolean scheduled() {
        return timer != null;
    }
}
