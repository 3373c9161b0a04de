package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.TlsContexts;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.identity.ServedIdentity;
import io.tlslab.tls.wire.MessageFrameCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a connection holds at each step, TLS and HELLO done for real between two embedded channels: the
 * handlers with a one-time job leave once it is done, so an idle endpoint keeps only what it needs.
 */
class ListenerPipelineTest {
    private static SslContext serverContext;
    private static SslContext clientContext;

    private final List<Message.Hello> hellos = new ArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    /** The session a HELLO hands the connection to: records the HELLO and stays. */
    private final class RecordingSession extends ChannelInboundHandlerAdapter implements HelloGate.Session {
        @Override
        public void start(ChannelHandlerContext ctx, Message.Hello hello) {
            hellos.add(hello);
        }
    }

    @BeforeAll
    static void contexts() throws Exception {
        TestPki pki = TestPki.current();
        serverContext =
                TlsContexts.server(new ServedIdentity(pki.leaf.privateKey(), pki.served(pki.leaf)), TlsEngine.JDK);
        clientContext = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(pki.root.certificate())
                .build();
    }

    private EmbeddedChannel server() {
        ServerMetrics metrics = new ServerMetrics();
        Admission admission = new Admission(
                "endpoints", new Admission.Limits(100, 10, 10, 10, 10, 10, Duration.ofSeconds(10)), metrics);
        return new EmbeddedChannel(new ListenerPipeline(
                ListenerKind.ENDPOINTS,
                "JDK",
                () -> serverContext,
                connections,
                admission,
                metrics,
                hello -> new RecordingSession(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                KeepAliveTimer.Timing.of(Duration.ofSeconds(90), Duration.ofSeconds(30))));
    }

    private static List<String> handlers(EmbeddedChannel ch) {
        return ch.pipeline().names().stream()
                .filter(n -> !n.contains("TailContext"))
                .toList();
    }

    /** Handler names, "codec" standing for the framing and message codec. */
    private static List<String> expected(String... names) {
        return Stream.of(names)
                .map(n -> n.equals("codec") ? MessageFrameCodec.MESSAGE_CODEC : n)
                .toList();
    }

    /** Moves bytes both ways until neither side has anything left to send. */
    private static void exchange(EmbeddedChannel client, EmbeddedChannel server) {
        for (int round = 0; round < 20; round++) {
            boolean moved = false;
            for (ByteBuf b; (b = client.readOutbound()) != null; moved = true) {
                server.writeInbound(b);
            }
            for (ByteBuf b; (b = server.readOutbound()) != null; moved = true) {
                client.writeInbound(b);
            }
            if (!moved) {
                return;
            }
        }
    }

    @Test
    void anAcceptedConnectionIsKeptForTheListenerToCloseUntilItClosesItself() {
        EmbeddedChannel server = server();
        assertThat(List.copyOf(connections)).containsExactly(server);
        server.close();
        assertThat(List.copyOf(connections)).isEmpty();
    }

    @Test
    void afterHelloAConnectionHoldsOnlyTlsTheCodecTheTimerAndItsSession() {
        EmbeddedChannel server = server();
        assertThat(handlers(server))
                .containsExactlyElementsOf(
                        expected("admission", "firstBytes", "tls", "handshake", "codec", "hello", "errors"));

        SslHandler clientTls = clientContext.newHandler(ByteBufAllocator.DEFAULT, "localhost", 4287);
        EmbeddedChannel client = new EmbeddedChannel(clientTls);
        MessageFrameCodec.addLast(client.pipeline());
        exchange(client, server);
        assertThat(clientTls.handshakeFuture().isSuccess()).as("handshake done").isTrue();
        assertThat(handlers(server))
                .as("the first bytes and the handshake report are done with")
                .containsExactlyElementsOf(expected("admission", "tls", "codec", "hello", "errors"));
        assertThat(server.attr(FirstBytes.KEY).get())
                .as("the copy of the first bytes is only for a failed handshake")
                .isNull();

        client.writeOutbound(new Message.Hello(Role.ENDPOINT, "guid-1", new ProductVersion(6, 0)));
        exchange(client, server);
        assertThat(hellos).extracting(Message.Hello::guid).containsExactly("guid-1");
        assertThat(handlers(server))
                .containsExactlyElementsOf(expected("admission", "tls", "codec", "idle", "session", "errors"));
        KeepAliveTimer idle = (KeepAliveTimer) server.pipeline().get("idle");
        assertThat(idle.scheduled()).as("one keep-alive timer").isTrue();

        server.close();
        assertThat(idle.scheduled()).as("no timer left after close").isFalse();
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }
}
