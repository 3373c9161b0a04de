package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One timer drives both keep-alive deadlines, with the events and timing of Netty's
 * IdleStateHandler(idle, ping, 0), which the listener used before (two timers per connection).
 */
class KeepAliveTimerTest {
    private static final Duration IDLE = Duration.ofSeconds(90);
    private static final Duration PING = Duration.ofSeconds(30);

    /** Records the idle events it sees, with the (frozen, advanced) time of each, in seconds. */
    private static final class Events extends ChannelInboundHandlerAdapter {
        final List<String> seen = new ArrayList<>();
        long seconds;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent e) {
                seen.add(seconds + "s " + e.state() + (e.isFirst() ? " first" : ""));
            }
        }
    }

    /**
     * A script over 200 s: the peer sends something at 20 s and 50 s, the server writes at 70 s, then
     * silence. Run against {@code handler}, one second at a time.
     */
    private static List<String> script(ChannelHandler handler) {
        Events events = new Events();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(handler, events);
        for (int s = 1; s <= 200; s++) {
            ch.advanceTimeBy(1, TimeUnit.SECONDS);
            events.seconds = s;
            ch.runScheduledPendingTasks();
            if (s == 20 || s == 50) {
                ch.writeInbound("from the peer");
                ch.pipeline().fireChannelReadComplete();
                ch.readInbound();
            }
            if (s == 70) {
                ch.writeOutbound("to the peer");
                ch.readOutbound();
            }
        }
        ch.finishAndReleaseAll();
        return events.seen;
    }

    @Test
    void firesWhatIdleStateHandlerFiresWhenItFiresIt() {
        List<String> netty = script(new IdleStateHandler(IDLE.toSeconds(), PING.toSeconds(), 0, TimeUnit.SECONDS));
        List<String> ours = script(new KeepAliveTimer(KeepAliveTimer.Timing.of(IDLE, PING)));
        assertThat(netty)
                .as("the reference sequence this test relies on")
                .startsWith("30s WRITER_IDLE first", "60s WRITER_IDLE")
                .contains("100s WRITER_IDLE first", "130s WRITER_IDLE", "140s READER_IDLE first")
                .doesNotContain("90s WRITER_IDLE");
        assertThat(ours).isEqualTo(netty);
    }

    @Test
    void oneTimerAtATimeAndNoneAfterClose() {
        KeepAliveTimer timer = new KeepAliveTimer(KeepAliveTimer.Timing.of(IDLE, PING));
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(timer);
        assertThat(timer.scheduled()).isTrue();
        // the single task is due at the nearer deadline (the ping), not at either one's own
        assertThat(ch.runScheduledPendingTasks()).isEqualTo(PING.toNanos());
        ch.advanceTimeBy(PING.toSeconds(), TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(timer.scheduled()).isTrue();
        assertThat(ch.runScheduledPendingTasks())
                .as("next: another ping interval")
                .isEqualTo(PING.toNanos());
        ch.close();
        assertThat(timer.scheduled()).isFalse();
        assertThat(ch.runScheduledPendingTasks()).as("nothing left scheduled").isEqualTo(-1);
    }

    @Test
    void zeroTurnsADeadlineOff() {
        Events events = new Events();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new KeepAliveTimer(KeepAliveTimer.Timing.of(Duration.ZERO, PING)), events);
        ch.advanceTimeBy(IDLE.toSeconds() * 3, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(events.seen).isNotEmpty().allMatch(e -> e.contains("WRITER_IDLE"));
        KeepAliveTimer off = new KeepAliveTimer(KeepAliveTimer.Timing.of(Duration.ZERO, Duration.ZERO));
        ch.pipeline().addLast(off);
        assertThat(off.scheduled()).isFalse();
    }
}
