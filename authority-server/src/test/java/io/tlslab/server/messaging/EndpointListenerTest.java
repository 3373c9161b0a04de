package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.settings.PropertyKey;
import io.tlslab.protocol.wire.Message;
import io.tlslab.protocol.wire.MessageCodec;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 4287: HELLO, settings on connect and on change, keep-alive, and bad input of every kind. */
class EndpointListenerTest {
    private static final String STRICT = PropertyKey.STRICT_VALIDATION.key();

    @TempDir
    Path dir;

    AuthorityServer server;

    @BeforeEach
    void start() {
        AuthorityServer.Builder b = Servers.builder(dir).engine(engine());
        b.config().acceptLoops(acceptLoops());
        server = b.start();
    }

    /** One listening socket; a subclass runs the whole suite on SO_REUSEPORT sockets (the default). */
    io.tlslab.server.config.AcceptLoops acceptLoops() {
        return io.tlslab.server.config.AcceptLoops.SINGLE;
    }

    /** The engine under test; a subclass runs the whole suite on the other one. */
    io.tlslab.tls.TlsEngine engine() {
        return io.tlslab.tls.TlsEngine.preferred();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void helloIsAnsweredWithSettingsAndChangesArePushedToEveryEndpoint() throws Exception {
        try (TestEndpoint v60 = TestEndpoint.connect(server.messagingPort()).hello("guid-60", "6.0");
                TestEndpoint v54 = TestEndpoint.connect(server.messagingPort()).hello("guid-54", "5.4")) {
            assertThat(v60.read(Message.Settings.class).values()).containsEntry(STRICT, "false");
            assertThat(v54.read(Message.Settings.class).values()).containsEntry(STRICT, "false");
            assertThat(server.execute("setting.set system " + STRICT + " true").ok())
                    .isTrue();
            assertThat(v60.read(Message.Settings.class).values()).containsEntry(STRICT, "true");
            assertThat(v54.read(Message.Settings.class).values()).containsEntry(STRICT, "true");
            v60.send(new Message.Ping(42));
            assertThat(v60.read(Message.Pong.class).nonce()).isEqualTo(42);
        }
        try (TestEndpoint later = TestEndpoint.connect(server.messagingPort()).hello("guid-later", "6.5")) {
            assertThat(later.read(Message.Settings.class).values()).containsEntry(STRICT, "true");
        }
        assertThat(server.devices()).extracting(d -> d.guid()).contains("guid-60", "guid-54", "guid-later");
    }

    @Test
    void aRestartHangsUpOnEveryHeldEndpointSoEachReconnectsAtOnce() throws Exception {
        java.util.List<TestEndpoint> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                TestEndpoint e = TestEndpoint.connect(server.messagingPort()).hello("guid-held-" + i, "6.0");
                e.read(Message.Settings.class);
                held.add(e);
            }
            server = server.restart();
            for (TestEndpoint e : held) {
                assertThat(e.closedByServer(Duration.ofSeconds(5)))
                        .as("the old server's connection is closed, not left for the idle timeout")
                        .isTrue();
            }
        } finally {
            for (TestEndpoint e : held) {
                e.close();
            }
        }
    }

    @Test
    void anEndpointCannotChangeAProperty() throws Exception {
        try (TestEndpoint e = TestEndpoint.connect(server.messagingPort()).hello("guid-evil", "6.0")) {
            e.read(Message.Settings.class);
            e.send(new Message.PropertyUpdate(1, PropertyKey.USE_HTTPS_CERTIFICATE.key(), "true", "evil"));
            assertThat(e.read(Message.Goodbye.class).reason()).contains("cannot change properties");
            assertThat(e.closedByServer(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(server.execute("prop.show " + PropertyKey.USE_HTTPS_CERTIFICATE.key())
                        .output())
                .endsWith("false (default)");
    }

    @Test
    void aFrameBeforeHelloClosesTheConnection() throws Exception {
        try (TestEndpoint e = TestEndpoint.connect(server.messagingPort())) {
            e.send(new Message.Ping(1));
            assertThat(e.closedByServer(Duration.ofSeconds(10))).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void anOversizeFrameClosesTheConnection() throws Exception {
        try (TestEndpoint e = TestEndpoint.connect(server.messagingPort())) {
            e.sendRaw(ByteBuffer.allocate(4)
                    .putInt(MessageCodec.MAX_FRAME_BYTES + 1)
                    .array());
            assertThat(e.closedByServer(Duration.ofSeconds(10))).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void aMalformedFrameClosesTheConnection() throws Exception {
        try (TestEndpoint e = TestEndpoint.connect(server.messagingPort())) {
            e.sendRaw(new byte[] {0, 0, 0, 3, 99, 1, 2});
            assertThat(e.closedByServer(Duration.ofSeconds(10))).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void garbageAndPlainHttpOnTheTlsPortAreClosedWithOneHandshakeLineEach() throws Exception {
        ch.qos.logback.classic.Logger handshakes =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("tlslab.handshake");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        handshakes.addAppender(lines);
        ch.qos.logback.classic.Level level = handshakes.getLevel();
        handshakes.setLevel(ch.qos.logback.classic.Level.INFO);
        handshakes.setAdditive(false); // captured, not printed
        try {
            garbageAndPlainHttp();
        } finally {
            handshakes.detachAppender(lines);
            handshakes.setLevel(level);
            handshakes.setAdditive(true);
        }
        java.util.List<String> text = lines.list.stream()
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(text)
                .anySatisfy(l -> assertThat(l)
                        .contains(
                                "listener=endpoints",
                                "initiator=endpoint",
                                "provider=" + engine().name(),
                                "outcome=FAILED",
                                "reason=PLAIN_HTTP",
                                "GET / HTTP/1.1"));
        assertThat(text).anySatisfy(l -> assertThat(l).contains("outcome=FAILED", "reason=NOT_TLS"));
        assertThat(text)
                .anySatisfy(l ->
                        assertThat(l).contains("outcome=OK", "protocol=TLSv1.", "cipher=TLS_", "peer=/127.0.0.1:"));
    }

    private void garbageAndPlainHttp() throws Exception {
        for (String junk :
                new String[] {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0000\u0001garbage garbage garbage\n"}) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.messagingPort()), 5000);
                s.setSoTimeout(10_000);
                s.getOutputStream().write(junk.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                assertThat(readUntilClosed(s.getInputStream())).as(junk).isTrue();
            }
        }
        assertServerStillServes();
    }

    @Test
    void aClientHelloThatNeverFinishesIsCutOffByTheHandshakeTimeout() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.messagingPort()), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            // A TLS record header announcing a 512-byte handshake record, then only its first bytes.
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03});
            out.flush();
            assertThat(readUntilClosed(s.getInputStream())).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void aWrongRoleOnTheEndpointPortIsRefused() throws Exception {
        try (TestEndpoint e = TestEndpoint.connect(server.messagingPort())) {
            e.send(new Message.Hello(
                    io.tlslab.protocol.wire.Role.AUTHORITY,
                    "srv",
                    io.tlslab.protocol.wire.ProductVersion.parse("6.0")));
            assertThat(e.read(Message.Goodbye.class).reason()).contains("not served on this port");
        }
    }

    private static boolean readUntilClosed(InputStream in) {
        try {
            byte[] buf = new byte[1024];
            for (int i = 0; i < 1000; i++) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private void assertServerStillServes() throws Exception {
        try (TestEndpoint e = TestEndpoint.connect(server.messagingPort()).hello("guid-ok", "6.0")) {
            assertThat(e.read(Message.Settings.class).values()).containsKey(STRICT);
        }
    }
}
