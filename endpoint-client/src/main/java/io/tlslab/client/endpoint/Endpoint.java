package io.tlslab.client.endpoint;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.tlslab.client.retry.Reconnector;
import io.tlslab.client.retry.RetryTimer;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.wire.Message;
import io.tlslab.tls.SessionRecordingTrustManager;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import io.tlslab.tls.retry.Backoff;
import io.tlslab.tls.validation.ValidatingTrustManager;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import io.tlslab.tls.wire.MessageFrameCodec;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint app: connects to the authority server over TLS, lets tlslab's validator judge the
 * server, then speaks the message protocol (HELLO, settings, keep-alive, audit). It either makes a
 * single attempt ({@link #connectOnce()}) or stays connected ({@link #start()}), reconnecting with
 * the configured backoff after every failure or loss.
 *
 * <p>Threading: an endpoint is pinned to one event loop of its {@link EndpointTransport}; all its
 * state changes happen there, listener calls included. Public methods may be called from any thread.
 * Each endpoint has its own TLS context: its trust manager carries this endpoint's policy, and its
 * session cache is its own, as a real device's would be.
 */
public final class Endpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

    private final EndpointConfig config;
    private final EndpointTransport transport;
    private final EndpointListener listener;
    private final EventLoop loop;
    private final String guid;
    private final SslContext sslContext;
    private final Reconnector reconnector;

    private volatile EndpointSettings settings;
    /** The attempt the trust manager reports to; one at a time per endpoint. */
    private volatile Attempt current;

    private volatile boolean closed;
    // written on the event loop only; volatile so isConnected() can read it from any thread
    private volatile boolean running;
    private volatile Channel channel;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * Creates an endpoint (no connection yet). Reads the GUID and the persisted settings now, so the
     * first handshake already uses them.
     *
     * @throws IOException if the settings store cannot be read (an unreadable store is never taken
     *     for "defaults": that would silently drop strict validation)
     * @throws SSLException if the TLS engine cannot be set up
     */
    public Endpoint(EndpointConfig config, EndpointTransport transport, EndpointListener listener)
            throws IOException, SSLException {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.loop = transport.group().next();
        this.guid =
                config.guid() != null ? config.guid() : config.settingsStore().guid();
        this.settings = config.settingsStore().load();
        ValidatingTrustManager validating = new ValidatingTrustManager(
                config.validator(),
                this::currentPolicy,
                (host, chain, verdict) -> {
                    Attempt a = current;
                    if (a != null) {
                        a.servedChain = chain;
                        a.verdict = verdict;
                    }
                },
                config.validationClock());
        SessionRecordingTrustManager trustManager = new SessionRecordingTrustManager(validating, (protocol, cipher) -> {
            Attempt a = current;
            if (a != null) {
                a.protocol = protocol;
                a.cipher = cipher;
            }
        });
        this.sslContext = TlsContexts.client(config.engine(), trustManager, config.tls());
        this.reconnector = new Reconnector(
                new Backoff(config.retryPolicy(), config.newJitterSource()), RetryTimer.on(loop), (attempt, delay) -> {
                    log.info(
                            "endpoint {}: reconnecting to {}:{} in {} ms (failure {} in a row)",
                            guid,
                            config.serverHost(),
                            config.serverPort(),
                            delay.toMillis(),
                            attempt);
                    notify(() -> listener.retryScheduled(attempt, delay));
                });
    }

    /** The GUID this endpoint introduces itself with. */
    public String guid() {
        return guid;
    }

    public EndpointConfig config() {
        return config;
    }

    /** The settings in force: persisted ones at start, then whatever the server pushed. */
    public EndpointSettings settings() {
        return settings;
    }

    /** How the next handshake validates: version gating first, then the strictValidation setting. */
    public ClientMode mode() {
        return modeFor(settings);
    }

    private ClientMode modeFor(EndpointSettings s) {
        if (!config.version().supportsStrictValidation()) {
            return ClientMode.LEGACY_5X;
        }
        if (!s.strictValidation()) {
            return ClientMode.NON_STRICT;
        }
        return s.trustedFingerprints().isEmpty() ? ClientMode.STRICT : ClientMode.ALLOWLISTED;
    }

    private ValidationPolicy currentPolicy() {
        Attempt a = current;
        return a != null ? a.policy : policyFor(settings);
    }

    private ValidationPolicy policyFor(EndpointSettings s) {
        return ValidationPolicy.forMode(modeFor(s), s.trustedFingerprints())
                .withProfile(config.profile())
                .withCrls(config.crls());
    }

    /**
     * Makes one connection attempt without retrying. The future completes with the handshake outcome;
     * an accepted connection then stays open (HELLO, settings, keep-alive) until the server closes it
     * or {@link #close()}.
     */
    public CompletableFuture<HandshakeOutcome> connectOnce() {
        CompletableFuture<HandshakeOutcome> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (closed) {
                result.completeExceptionally(new IllegalStateException("endpoint " + guid + " is closed"));
            } else if (channel != null || running) {
                result.completeExceptionally(
                        new IllegalStateException("endpoint " + guid + " is already connecting or connected"));
            } else {
                attempt().result.whenComplete((o, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(o);
                    }
                });
            }
        });
        return result;
    }

    /** Connects and stays connected: every failure or loss enters the retry routine. Idempotent. */
    public void start() {
        loop.execute(() -> {
            if (closed || running) {
                return;
            }
            running = true;
            if (channel == null) {
                attempt();
            }
        });
    }

    /**
     * Sends a message on the accepted connection (e.g. a {@code PropertyUpdate} on a server's outbound
     * link). Fails if the endpoint is not connected; nothing is queued for a later connection.
     */
    public CompletableFuture<Void> send(Message message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<Void> sent = new CompletableFuture<>();
        loop.execute(() -> {
            Attempt a = current;
            Channel ch = channel;
            if (a == null || !a.established || ch == null || !ch.isActive()) {
                sent.completeExceptionally(new IllegalStateException("endpoint " + guid + " is not connected"));
                return;
            }
            ch.writeAndFlush(message).addListener(f -> {
                if (f.isSuccess()) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(f.cause());
                }
            });
        });
        return sent;
    }

    /**
     * Stops the retry routine and closes the current connection, keeping the endpoint reusable: a
     * later {@link #connectOnce()} or {@link #start()} reuses its TLS context (and session cache).
     */
    public CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            running = false;
            reconnector.cancel();
            Channel ch = channel;
            if (ch == null) {
                done.complete(null);
            } else {
                ConnectionCloseReason.set(ch, "endpoint disconnected");
                // completes after onClosed ran, so the endpoint is idle when the caller continues
                ch.closeFuture().addListener(f -> loop.execute(() -> done.complete(null)));
                ch.close();
            }
        });
        return done;
    }

    /** Closes the connection, cancels any pending retry; completes when the connection is closed. */
    public CompletableFuture<Void> closeAsync() {
        closed = true;
        if (loop.isShuttingDown()) {
            // the transport was closed first: its loop took the connection down with it
            release();
            return closeFuture;
        }
        loop.execute(() -> {
            running = false;
            reconnector.stop();
            if (channel != null) {
                ConnectionCloseReason.set(channel, "endpoint closed");
                channel.close();
            } else {
                release();
            }
        });
        return closeFuture;
    }

    /** {@link #closeAsync()} and wait (at most 5 s: a close never hangs a caller). */
    @Override
    public void close() {
        try {
            closeAsync().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("endpoint {}: close did not finish cleanly: {}", guid, e.toString());
        }
    }

    /** Whether a connection is established and accepted right now. */
    public boolean isConnected() {
        Attempt a = current;
        Channel ch = channel;
        return a != null && a.established && ch != null && ch.isActive();
    }

    private Attempt attempt() {
        EndpointSettings s = settings;
        Attempt a = new Attempt(modeFor(s), policyFor(s));
        current = a;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler tls = TlsContexts.newHandler(
                                sslContext,
                                config.engine(),
                                config.tls(),
                                ch.alloc(),
                                config.dialHost(),
                                config.serverPort());
                        ch.pipeline().addLast("tls", tls);
                        ch.pipeline()
                                .addLast(
                                        HandshakeOutcomeHandler.NAME,
                                        new HandshakeOutcomeHandler(
                                                a,
                                                config.dialHost(),
                                                config.engine(),
                                                Endpoint.this::installProtocol,
                                                o -> onOutcome(a, o),
                                                (chain, policy) -> config.validator()
                                                        .validate(
                                                                chain,
                                                                config.dialHost(),
                                                                config.validationClock()
                                                                        .instant(),
                                                                policy)));
                        ch.pipeline().addLast(ConnectionErrorHandler.NAME, new ConnectionErrorHandler());
                    }
                });
        ChannelFuture connect = bootstrap.connect(config.serverHost(), config.serverPort());
        channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                onOutcome(
                        a,
                        a.failed(
                                ConnectionFailure.of(f.cause()),
                                config.dialHost(),
                                config.serverHost() + ":" + config.serverPort(),
                                config.engine()));
            }
        });
        // deferred one loop turn: SslHandler may close the channel before it fires the handshake
        // event, and the outcome must come from that event (it carries the verdict), not from the close
        channel.closeFuture().addListener(f -> loop.execute(() -> onClosed(a, connect.channel())));
        return a;
    }

    /** Called on acceptance, before the session starts: adds framing, keep-alive and the session handler. */
    private void installProtocol(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        MessageFrameCodec.addAfter(p, "tls");
        long idle = config.idleTimeout().toMillis();
        p.addAfter(
                MessageFrameCodec.MESSAGE_CODEC,
                "idle",
                new IdleStateHandler(idle, config.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        p.addAfter("idle", "keepAlive", new KeepAliveHandler());
        p.addAfter(
                "keepAlive",
                EndpointSessionHandler.NAME,
                new EndpointSessionHandler(
                        config.role(),
                        guid,
                        config.version(),
                        config.dialHost(),
                        this::onSettings,
                        message -> notify(() -> listener.messageReceived(message)),
                        helloCredential(),
                        this::keepDeviceCredential));
    }

    /** The device credential once issued, else the organization key when one is configured, else none. */
    private String helloCredential() {
        try {
            String issued = config.settingsStore().deviceCredential();
            if (!issued.isEmpty()) {
                return "dev:" + issued;
            }
        } catch (java.io.IOException e) {
            log.warn("cannot read the device credential: {}", e.getMessage());
        }
        return config.registrationKey() == null ? "" : "reg:" + config.registrationKey();
    }

    private void keepDeviceCredential(String credential) {
        try {
            config.settingsStore().saveDeviceCredential(credential);
            log.info("endpoint {} registered: device credential saved", guid);
        } catch (java.io.IOException e) {
            log.warn("cannot save the device credential: {}", e.getMessage());
        }
    }

    private void onOutcome(Attempt a, HandshakeOutcome outcome) {
        if (a.result.isDone()) {
            return;
        }
        HandshakeLog.record(guid, outcome);
        if (outcome.accepted()) {
            reconnector.connected();
        }
        notify(() -> listener.handshakeCompleted(outcome));
        a.result.complete(outcome);
    }

    private void onSettings(Map<String, String> values) {
        EndpointSettings updated;
        try {
            updated = settings.apply(values);
        } catch (IllegalArgumentException e) {
            log.warn("endpoint {}: ignoring settings with an invalid value: {}", guid, e.getMessage());
            return;
        }
        if (!updated.equals(settings)) {
            try {
                // synchronous on purpose: once the server has seen us take a setting, a crash must not lose it
                config.settingsStore().save(updated);
            } catch (IOException e) {
                log.error("endpoint {}: cannot persist settings ({}); using them until restart", guid, e.getMessage());
            }
            log.info(
                    "endpoint {}: settings received: strictValidation={} trustedFingerprints={} (next handshake: {})",
                    guid,
                    updated.strictValidation(),
                    updated.trustedFingerprints().fingerprints().size(),
                    modeFor(updated).label());
            settings = updated;
        }
        EndpointSettings received = updated;
        notify(() -> listener.settingsReceived(received));
    }

    private void onClosed(Attempt a, Channel closedChannel) {
        if (channel == closedChannel) {
            channel = null;
        }
        if (!a.result.isDone()) {
            String peer = config.serverHost() + ":" + config.serverPort();
            Verdict verdict = a.verdict;
            onOutcome(
                    a,
                    verdict != null && !verdict.accepted()
                            ? a.judged(verdict, config.dialHost(), peer, config.engine())
                            : a.failed(
                                    ConnectionFailure.Transport.of(FailureKind.CLOSED_DURING_HANDSHAKE),
                                    config.dialHost(),
                                    peer,
                                    config.engine()));
        }
        if (a.established) {
            String reason = ConnectionCloseReason.get(closedChannel);
            log.info(
                    "endpoint {}: disconnected from {}: {}",
                    guid,
                    config.serverHost() + ":" + config.serverPort(),
                    reason);
            notify(() -> listener.disconnected(reason));
        }
        if (current == a) {
            current = null;
        }
        if (running && !closed) {
            reconnector.scheduleRetry(() -> {
                if (running && !closed && channel == null) {
                    attempt();
                }
            });
        } else if (closed) {
            release();
        }
    }

    /** Frees the TLS context exactly once, whichever thread gets here first. */
    private void release() {
        if (released.compareAndSet(false, true)) {
            ReferenceCountUtil.release(sslContext);
            closeFuture.complete(null);
        }
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("endpoint {}: listener failed: {}", guid, e.toString());
        }
    }

    /** Exposed for tests and tools: the delay the retry routine would be at, in failures in a row. */
    int consecutiveFailures() {
        return reconnector.consecutiveFailures();
    }

    @Override
    public String toString() {
        return "Endpoint[" + guid + " -> " + config.serverHost() + ":" + config.serverPort() + " as "
                + config.dialHost() + ", " + config.engine().displayName() + ", " + mode().label() + "]";
    }
}
