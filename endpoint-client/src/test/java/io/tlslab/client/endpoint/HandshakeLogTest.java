package io.tlslab.client.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log lines SPEC §4-5 asks for: one per handshake, one structured line per rejection, no stack traces. */
class HandshakeLogTest {

    private static MintedScenario expired;
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.tlslab.client.endpoint.handshake");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previousLevel;

    @BeforeAll
    static void mint() {
        expired = new ScenarioMinter().mint(Scenario.EXPIRED_LEAF, "localhost");
    }

    @BeforeEach
    void capture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false); // captured here, not printed by the console appender
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(previousLevel);
    }

    private static HandshakeOutcome outcome(ValidationPolicy policy, ClientMode mode) {
        Verdict verdict = new CertificateValidator(TrustAnchors.of(expired.trustAnchors()))
                .validate(expired.servedChain(), "localhost", Instant.now(), policy);
        HandshakeOutcome.Status status =
                verdict.accepted() ? HandshakeOutcome.Status.ACCEPTED : HandshakeOutcome.Status.REJECTED;
        return new HandshakeOutcome(
                status,
                mode,
                verdict,
                expired.servedChain(),
                "localhost",
                "127.0.0.1:4287",
                TlsEngine.OPENSSL,
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                null);
    }

    private List<String> lines() {
        assertThat(appender.list)
                .allSatisfy(
                        e -> assertThat(e.getThrowableProxy()).as("stack trace").isNull());
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void rejectionLogsTheHandshakeLineAndOneStructuredCertificateLine() {
        HandshakeLog.record("guid-1", outcome(ValidationPolicy.strict(), ClientMode.STRICT));
        CertificateFacts leaf = CertificateFacts.of(expired.leaf().certificate());
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo(
                        "handshake initiator=endpoint guid=guid-1 provider=OpenSSL protocol=TLSv1.3"
                                + " cipher=TLS_AES_128_GCM_SHA256 peer=127.0.0.1:4287 dialHost=localhost mode=strict outcome=REJECT reason=EXPIRED");
        assertThat(lines.get(1))
                .startsWith("certificate rejected reason=EXPIRED host=localhost ")
                .contains(
                        "subject=\"" + leaf.subject() + "\"",
                        "issuer=\"" + leaf.issuer() + "\"",
                        "sans=[DNS:localhost]",
                        "validTo=" + expired.leaf().certificate().getNotAfter().toInstant(),
                        "sha1=" + expired.leafSha1(),
                        "sha256=" + expired.leafSha256());
    }

    @Test
    void nonStrictAcceptanceLogsWhatStrictWouldReject() {
        HandshakeLog.record("guid-2", outcome(ValidationPolicy.nonStrict(), ClientMode.NON_STRICT));
        assertThat(lines())
                .satisfiesExactly(
                        first -> assertThat(first).endsWith("mode=non-strict outcome=ACCEPT"),
                        audit -> assertThat(audit)
                                .startsWith("audit: strict validation would reject reason=EXPIRED host=localhost")
                                .contains("sha1=" + expired.leafSha1()));
    }

    @Test
    void allowlistOverrideSaysWhichChecksItOverrode() {
        HandshakeLog.record(
                "guid-3",
                outcome(ValidationPolicy.strict().withAllowlist(expired.allowlist()), ClientMode.ALLOWLISTED));
        assertThat(lines())
                .satisfiesExactly(
                        first -> assertThat(first).endsWith("mode=allowlisted outcome=ACCEPT"),
                        override -> assertThat(override)
                                .startsWith("allowlist override host=localhost")
                                .endsWith("overrode=[EXPIRED]"));
    }
}
