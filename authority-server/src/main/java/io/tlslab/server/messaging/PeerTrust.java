package io.tlslab.server.messaging;

import io.tlslab.protocol.settings.Fingerprint;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is a server of this environment on 4288, in both directions, judged by the endpoints' rules:
 * a peer whose leaf certificate's SHA-1 or SHA-256 fingerprint is pinned (the configured peer
 * fingerprints plus the {@code trustedFingerprints} allowlist), or, when the environment's trust
 * anchors are configured, a peer whose chain passes endpoint-client's strict validator (the host
 * name is checked when we dial the peer; an inbound peer has no dialled name). Pinning is the
 * default because servers run with self-signed certificates out of the box. A peer that is not a
 * member cannot complete the handshake, so it can never send a property update.
 */
public final class PeerTrust extends X509ExtendedTrustManager {
    private static final Logger log = LoggerFactory.getLogger(PeerTrust.class);

    private final Supplier<FingerprintList> members;
    private final CertificateValidator validator;

    /** Pinning only. */
    public PeerTrust(Supplier<FingerprintList> members) {
        this(members, null);
    }

    /** @param validator strict validation against the environment's roots, or null for pinning only */
    public PeerTrust(Supplier<FingerprintList> members, CertificateValidator validator) {
        this.members = members;
        this.validator = validator;
    }

    private void check(X509Certificate[] chain, String direction) throws CertificateException {
        check(chain, direction, null);
    }

    private void check(X509Certificate[] chain, String direction, String dialledHost) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("peer sent no certificate: servers of this environment must authenticate");
        }
        byte[] der;
        try {
            der = chain[0].getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CertificateException("peer certificate cannot be encoded", e);
        }
        if (members.get().matches(der)) {
            return;
        }
        String why = "not pinned";
        if (validator != null) {
            Verdict v = validator.validate(Arrays.asList(chain), dialledHost, Instant.now(), ValidationPolicy.strict());
            if (v.accepted()) {
                return;
            }
            why = "not pinned and strict validation says " + v.failedChecks();
        }
        String msg = "peer certificate " + chain[0].getSubjectX500Principal().getName() + " SHA-256 "
                + Fingerprint.sha256(der) + " is not a member of this environment (" + why + ")";
        log.warn("4288 {}: {}", direction, msg);
        throw new CertificateException(msg);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "inbound");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "outbound");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "inbound");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "outbound", engine == null ? null : engine.getPeerHost());
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
