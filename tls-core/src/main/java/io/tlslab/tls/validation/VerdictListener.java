package io.tlslab.tls.validation;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Told about every verdict {@link ValidatingTrustManager} reaches, accepted or not, before the
 * handshake goes on or fails: the endpoint logs rejections and reports audit findings from here.
 * Called on the TLS engine's thread: keep it quick and never throw.
 */
@FunctionalInterface
public interface VerdictListener {
    VerdictListener NONE = (host, chain, verdict) -> {};

    /**
     * @param dialledHost the host the endpoint dialled (null when the engine did not know it)
     * @param servedChain the chain as the server sent it
     * @param verdict     tlslab's verdict
     */
    void onVerdict(String dialledHost, List<X509Certificate> servedChain, Verdict verdict);
}
