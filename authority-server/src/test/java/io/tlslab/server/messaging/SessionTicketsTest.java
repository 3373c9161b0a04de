package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import io.tlslab.protocol.wire.Message;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import io.tlslab.tls.TlsEngine;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 session tickets on 4287 (OpenSSL engine). An endpoint that reconnects with the same client
 * context resumes, so its trust manager is asked once for two connections; across a key rotation it
 * still resumes, across a restart it does not (the keys live in memory only). The client reads the server's answer to HELLO before closing,
 * which is when a JDK client takes the ticket the server sent after the handshake.
 */
class SessionTicketsTest {
    @TempDir
    Path dir;

    private final AtomicInteger certificateChecks = new AtomicInteger();
    private SSLContext client;

    @BeforeEach
    void client() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "tickets are configured on the OpenSSL engine");
        client = SSLContext.getInstance("TLSv1.3");
        client.init(null, new TrustManager[] {new CountingTrustAll(certificateChecks)}, new SecureRandom());
    }

    @Test
    void aReconnectingEndpointResumesWhenTicketsAreOn() throws Exception {
        try (AuthorityServer server = start(Duration.ofHours(1))) {
            connectTwice(server);
        }
        assertThat(certificateChecks)
                .as("the second connection resumed: no certificate to check")
                .hasValue(1);
    }

    @Test
    void aTicketDoesNotOutliveARestartSoANewCertificateIsAlwaysValidatedInFull() throws Exception {
        AuthorityServer server = start(Duration.ofHours(1));
        try {
            hello(server, "guid-before-restart");
            server = server.restart(); // same ports, same data: the endpoint offers its ticket again
            hello(server, "guid-after-restart");
        } finally {
            server.close();
        }
        assertThat(certificateChecks)
                .as("the ticket's key died with the first process")
                .hasValue(2);
    }

    @Test
    void aTicketIssuedBeforeOneKeyRotationIsStillAccepted() throws Exception {
        try (AuthorityServer server = start(Duration.ofSeconds(2))) {
            hello(server, "guid-before");
            Thread.sleep(2_500); // one rotation: the key that encrypted the ticket now only decrypts
            hello(server, "guid-after");
        }
        assertThat(certificateChecks).hasValue(1);
    }

    private AuthorityServer start(Duration ticketKeyRotation) {
        AuthorityServer.Builder b = Servers.builder(dir).engine(TlsEngine.OPENSSL);
        b.config().ticketKeyRotation(ticketKeyRotation);
        return b.start();
    }

    private void connectTwice(AuthorityServer server) throws Exception {
        hello(server, "guid-ticket-1");
        hello(server, "guid-ticket-2");
    }

    private void hello(AuthorityServer server, String guid) throws Exception {
        try (TestEndpoint e =
                TestEndpoint.connect(server.messagingPort(), client).hello(guid, "6.0")) {
            assertThat(e.read(Message.Settings.class).values()).isNotEmpty();
            assertThat(e.session().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    private record CountingTrustAll(AtomicInteger checks) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            checks.incrementAndGet();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
