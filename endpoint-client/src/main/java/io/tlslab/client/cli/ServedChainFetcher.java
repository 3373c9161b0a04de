package io.tlslab.client.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Fetches the chain a live TLS server presents, exactly as sent, for {@code validate --connect}: one
 * handshake (with SNI when the host is a name), then the connection is closed without sending any data.
 * The trust decision is not made here: the recorder takes any chain, and tlslab's validator judges it after.
 */
final class ServedChainFetcher {

    private ServedChainFetcher() {}

    /**
     * @param sni the name to send as SNI; null or an IP literal sends none
     * @throws IOException one line: refused, timed out, or the handshake failed before a certificate arrived
     */
    static List<X509Certificate> fetch(InetSocketAddress server, String sni, Duration timeout) throws IOException {
        Recorder recorder = new Recorder();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {recorder}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket raw = new Socket()) {
            raw.connect(server, millis);
            raw.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket)
                    context.getSocketFactory().createSocket(raw, server.getHostString(), server.getPort(), false)) {
                SSLParameters params = tls.getSSLParameters();
                params.setServerNames(
                        sni == null || sni.matches("[0-9.]+|.*:.*") ? List.of() : List.of(new SNIHostName(sni)));
                tls.setSSLParameters(params);
                try {
                    tls.startHandshake();
                } catch (IOException e) {
                    if (recorder.chain == null) {
                        throw e;
                    }
                    // the server's certificate arrived; what failed after it does not change the verdict
                }
            }
        }
        if (recorder.chain == null) {
            throw new IOException(
                    "the server at " + server.getHostString() + ":" + server.getPort() + " sent no certificate");
        }
        return List.of(recorder.chain);
    }

    /**
     * Records the server's chain and accepts it. Extended, so that the JDK does not apply its own
     * algorithm constraints first: an MD5-signed chain must reach tlslab's validator, not fail in JSSE.
     */
    private static final class Recorder extends X509ExtendedTrustManager {
        private volatile X509Certificate[] chain;

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) {
            chain = c.clone();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
            chain = c.clone();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType) {
            chain = c.clone();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) {
            throw new UnsupportedOperationException("server certificates only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("server certificates only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType) {
            throw new UnsupportedOperationException("server certificates only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
