package io.tlslab.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class ValidatingTrustManagerTest {
    private static final TestPki PKI = TestPki.atFixedTime();

    private record Seen(String host, List<X509Certificate> chain, Verdict verdict) {}

    private final List<Seen> seen = new ArrayList<>();
    private final AtomicReference<ValidationPolicy> policy = new AtomicReference<>(ValidationPolicy.strict());
    private final ValidatingTrustManager trustManager = new ValidatingTrustManager(
            TestValidators.trusting(PKI),
            policy::get,
            (host, chain, verdict) -> seen.add(new Seen(host, chain, verdict)),
            TestPki.CLOCK);

    private static SSLEngine engineFor(String host) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return context.createSSLEngine(host, 443);
    }

    private static X509Certificate[] served(HeldCertificate leaf) {
        return PKI.served(leaf).toArray(new X509Certificate[0]);
    }

    @Test
    void acceptsAndReportsWithTheEnginesPeerHost() throws Exception {
        trustManager.checkServerTrusted(served(PKI.leaf), "ECDHE_ECDSA", engineFor("localhost"));
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.host()).isEqualTo("localhost");
            assertThat(s.chain()).containsExactly(served(PKI.leaf));
            assertThat(s.verdict().accepted()).isTrue();
        });
    }

    @Test
    void rejectionThrowsCarryingTheVerdictAfterNotifying() throws Exception {
        SSLEngine engine = engineFor("elsewhere.example");
        assertThatThrownBy(() -> trustManager.checkServerTrusted(served(PKI.leaf), "ECDHE_ECDSA", engine))
                .isInstanceOfSatisfying(
                        ValidationFailedException.class,
                        e -> assertThat(e.verdict().outcome())
                                .isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH)))
                .isInstanceOf(CertificateException.class);
        assertThat(seen).singleElement().extracting(s -> s.verdict().accepted()).isEqualTo(false);
    }

    @Test
    void policyIsReadPerHandshake() throws Exception {
        SSLEngine engine = engineFor("elsewhere.example");
        policy.set(ValidationPolicy.nonStrict());
        trustManager.checkServerTrusted(served(PKI.leaf), "ECDHE_ECDSA", engine);
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.verdict().accepted()).isTrue();
            assertThat(s.verdict().strictOutcome()).isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH));
        });
        policy.set(ValidationPolicy.strict());
        assertThatThrownBy(() -> trustManager.checkServerTrusted(served(PKI.leaf), "ECDHE_ECDSA", engine))
                .isInstanceOf(ValidationFailedException.class);
    }

    @Test
    void engineWithoutPeerHostFailsTheHostnameCheckInsteadOfSkippingIt() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine noHost = context.createSSLEngine();
        assertThatThrownBy(() -> trustManager.checkServerTrusted(served(PKI.leaf), "ECDHE_ECDSA", noHost))
                .isInstanceOfSatisfying(
                        ValidationFailedException.class,
                        e -> assertThat(e.verdict().outcome())
                                .isEqualTo(Outcome.rejected(ReasonCode.HOSTNAME_MISMATCH)));
        assertThatThrownBy(() -> trustManager.checkServerTrusted(served(PKI.leaf), "ECDHE_ECDSA"))
                .isInstanceOf(ValidationFailedException.class);
        assertThat(seen).hasSize(2).allSatisfy(s -> assertThat(s.host()).isNull());

        policy.set(ValidationPolicy.nonStrict());
        trustManager.checkServerTrusted(served(PKI.leaf), "ECDHE_ECDSA", noHost);
        assertThat(seen.get(2).verdict().failedChecks()).containsExactly(ReasonCode.HOSTNAME_MISMATCH);
    }

    @Test
    void failingListenerDoesNotChangeTheVerdict() {
        ValidatingTrustManager tm = new ValidatingTrustManager(
                TestValidators.trusting(PKI),
                ValidationPolicy::strict,
                (h, c, v) -> {
                    throw new IllegalStateException("listener bug");
                },
                TestPki.CLOCK);
        assertThatThrownBy(() -> tm.decide(served(PKI.leaf), "elsewhere.example"))
                .isInstanceOf(ValidationFailedException.class);
    }

    @Test
    void refusesClientCertificatesAndAnEmptyChain() {
        assertThatThrownBy(() -> trustManager.checkClientTrusted(served(PKI.leaf), "RSA"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trustManager.checkServerTrusted(new X509Certificate[0], "RSA"))
                .isInstanceOf(CertificateException.class);
        assertThat(trustManager.getAcceptedIssuers()).containsExactly(PKI.root.certificate());
    }
}
