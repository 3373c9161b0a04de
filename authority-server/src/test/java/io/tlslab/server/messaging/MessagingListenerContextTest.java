package io.tlslab.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.server.config.ServerConfig;
import io.tlslab.server.metrics.ServerMetrics;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.identity.ServedIdentity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each connection's TLS engine costs is set on the listener's context, also after a new identity. */
class MessagingListenerContextTest {
    @TempDir
    Path dir;

    @Test
    void openSslContextsKeepTheSmallNonApplicationBuffer() throws Exception {
        assumeTrue(TlsEngine.OPENSSL.isAvailable(), "OpenSSL engine not available here");
        TestPki pki = TestPki.current();
        ServedIdentity served = new ServedIdentity(pki.leaf.privateKey(), pki.served(pki.leaf));
        ServerConfig config =
                ServerConfig.builder().dataDir(dir).engine(TlsEngine.OPENSSL).build();
        try (MessagingListener listener = new MessagingListener(
                ListenerKind.ENDPOINTS, config, served, null, new ServerMetrics(), hello -> null, 100)) {
            assertThat(((ReferenceCountedOpenSslContext) listener.context()).getBioNonApplicationBufferSize())
                    .isEqualTo(MessagingListener.NON_APPLICATION_BUFFER_BYTES);
            listener.present(served);
            assertThat(((ReferenceCountedOpenSslContext) listener.context()).getBioNonApplicationBufferSize())
                    .as("after the identity changed")
                    .isEqualTo(MessagingListener.NON_APPLICATION_BUFFER_BYTES);
        }
    }
}
