package io.tlslab.fleet.load;

import io.tlslab.tls.ObservedClientContext;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import io.tlslab.tls.validation.ValidatingTrustManager;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.VerdictListener;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Client TLS for simulated endpoints that validate like real ones: the project's validator
 * ({@link ValidatingTrustManager}) decides on every connection, and rejections carry its verdict.
 */
public final class EndpointTrust {

    private EndpointTrust() {}

    /**
     * @param roots    the trust anchors the endpoints are configured with
     * @param policy   read per handshake, so a run can switch strict validation on mid-way
     * @param listener told about every verdict (audit, conformance)
     * @param options  protocols, pinned key-exchange group and session cache
     */
    public static ObservedClientContext validating(
            TlsEngine engine,
            TlsOptions options,
            Collection<X509Certificate> roots,
            Supplier<ValidationPolicy> policy,
            VerdictListener listener)
            throws SSLException {
        ValidatingTrustManager tm =
                new ValidatingTrustManager(new CertificateValidator(TrustAnchors.of(roots)), policy, listener);
        return ObservedClientContext.of(engine, tm, options);
    }
}
