package io.tlslab.fleet.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import io.tlslab.tls.retry.Backoff;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint of the fleet: connects, handshakes, and either closes and reconnects at once or holds
 * the connection until it drops; after a failure it backs off before retrying. All of its work runs on
 * its own event loop (shared with other endpoints), so its state needs no locks.
 */
final class SimulatedEndpoint {
    /** Distinct fake peer ports so no two attempts share a session-cache entry when resumption is off. */
    private static final AtomicLong ONE_OFF_KEYS = new AtomicLong();

    private static final int PORT_SPACE = 65_535;

    private final int index;
    private final LoadDriver driver;
    private final EventLoop loop;
    private final Backoff backoff;

    SimulatedEndpoint(int index, LoadDriver driver, EventLoop loop) {
        this.index = index;
        this.driver = driver;
        this.loop = loop;
        this.backoff = new Backoff(driver.plan().backoff(), ThreadLocalRandom.current());
    }

    void startAfter(long delayNanos) {
        loop.schedule(this::attempt, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void attempt() {
        if (!driver.mayStartAttempt()) {
            return;
        }
        LoadAttempt attempt = new LoadAttempt(driver.recorder(), backoff.consecutiveFailures() > 0);
        LoadPlan plan = driver.plan();
        Bootstrap bootstrap = driver.bootstrap().clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                SslHandler ssl = driver.tls()
                        .context()
                        .newHandler(ch.alloc(), driver.target().dialHost(), sessionKey());
                ssl.setHandshakeTimeoutMillis(plan.handshakeTimeout().toMillis());
                if (plan.resumption()) {
                    // TLS 1.3 tickets arrive after the handshake: wait for the server's close_notify
                    // on hang-up so the ticket is read and the next attempt can resume
                    ssl.setCloseNotifyReadTimeoutMillis(plan.handshakeTimeout().toMillis());
                }
                ch.pipeline()
                        .addLast(
                                ssl,
                                new LoadHandshakeObserver(
                                        attempt,
                                        driver.tls().observer(),
                                        driver.recorder(),
                                        plan.holdConnections(),
                                        driver.guid(index)));
            }
        });
        InetSocketAddress remote = driver.target().address();
        ChannelFuture connect = plan.holdConnections() && remote.getAddress() instanceof Inet4Address
                ? bootstrap.connect(remote, new InetSocketAddress(sourceAddress(index), 0))
                : bootstrap.connect(remote);
        driver.track(connect.channel());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                attempt.fail(ConnectionFailure.of(f.cause()));
                afterAttempt(attempt);
            } else {
                connect.channel().closeFuture().addListener(c -> {
                    attempt.fail(ConnectionFailure.Transport.of(
                            FailureKind.CLOSED_DURING_HANDSHAKE)); // no-op when the handshake already settled it
                    afterAttempt(attempt);
                });
            }
        });
    }

    /**
     * The session-cache key: TLS clients cache sessions per (peer host, peer port). With resumption
     * each endpoint uses its own port number, so it resumes only its own session; without it every
     * attempt gets a fresh one and never finds a session to resume.
     */
    private int sessionKey() {
        long key = driver.plan().resumption() ? index : ONE_OFF_KEYS.getAndIncrement();
        return 1 + (int) (key % PORT_SPACE);
    }

    /**
     * Held connections come from 127.b.c.d spread over 127.0.0.0/8 (never 127.0.0.x), one address per
     * 250 endpoints at most, so thousands of them never exhaust one address's ephemeral ports.
     */
    static InetAddress sourceAddress(int index) {
        int d = 1 + index % 250;
        int c = (index / 250) % 250;
        int b = 1 + (index / 62_500) % 250;
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private void afterAttempt(LoadAttempt attempt) {
        if (attempt.succeeded()) {
            backoff.reset();
            loop.execute(this::attempt);
        } else {
            loop.schedule(this::attempt, backoff.nextDelay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
