package io.tlslab.server.messaging;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is a server of this environment on 4288, in both directions: a peer whose leaf certificate's
 * SHA-1 or SHA-256 fingerprint is pinned (the configured peer fingerprints plus the allowlist of
 * {@code trustedFingerprints}, the same pinning rule endpoints apply). Pinning rather than CA
 * validation because the lab's servers run with self-signed certificates by default; a peer that
 * is not pinned cannot complete the handshake, so it can never send a property update.
 */
public final class PeerTrust extends X509ExtendedTrustManager {
    private static final Logger log = LoggerFactory.getLogger(PeerTrust.class);

    private final Supplier<FingerprintList> members;

    public PeerTrust(Supplier<FingerprintList> members) {
        this.members = members;
    }

    private void check(X509Certificate[] chain, String direction) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("peer sent no certificate: servers of this environment must authenticate");
        }
        byte[] der;
        try {
            der = chain[0].getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CertificateException("peer certificate cannot be encoded", e);
        }
        if (!members.get().matches(der)) {
            String msg = "peer certificate " + chain[0].getSubjectX500Principal().getName() + " SHA-256 "
                    + Fingerprint.sha256(der) + " is not a member of this environment";
            log.warn("4288 {}: {}", direction, msg);
            throw new CertificateException(msg);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "inbound");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "outbound");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "inbound");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "outbound");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "inbound");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "outbound");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
