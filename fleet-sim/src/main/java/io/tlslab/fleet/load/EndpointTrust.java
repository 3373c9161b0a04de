package io.tlslab.fleet.load;

import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import io.tlslab.tls.validation.ValidatingTrustManager;
import io.tlslab.tls.validation.ValidationFailedException;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.VerdictListener;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Client TLS for simulated endpoints that validate like real ones: the project's validator
 * ({@link ValidatingTrustManager}) decides on every connection, and rejections are named by their
 * {@link io.tlslab.protocol.validation.ReasonCode}.
 */
public final class EndpointTrust {

    private EndpointTrust() {
    }

    /**
     * @param roots    the trust anchors the endpoints are configured with
     * @param policy   read per handshake, so a run can switch strict validation on mid-way
     * @param listener told about every verdict (audit, conformance)
     */
    public static ClientTls validating(TlsEngine engine, KeyExchangeGroup group, Collection<X509Certificate> roots,
                                       Supplier<ValidationPolicy> policy, VerdictListener listener,
                                       boolean resumption, int sessionCacheSize) throws SSLException {
        ValidatingTrustManager tm = new ValidatingTrustManager(new CertificateValidator(TrustAnchors.of(roots)),
                policy, listener);
        return ClientTls.build(engine, group, tm, EndpointTrust::reasonOf, false, resumption, sessionCacheSize);
    }

    /** The reason code of the validator's rejection; other trust failures keep a generic name. */
    public static String reasonOf(CertificateException e) {
        if (e instanceof ValidationFailedException v) {
            return v.verdict().outcome().reason().map(Enum::name).orElse(FailureCause.CERTIFICATE_REJECTED);
        }
        return FailureCause.CERTIFICATE_REJECTED;
    }
}
