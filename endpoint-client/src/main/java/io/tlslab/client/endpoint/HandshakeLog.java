package io.tlslab.client.endpoint;

import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.tls.validation.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log lines of SPEC §4-5: one line per handshake (initiator, provider, protocol, cipher, peer,
 * outcome, reason) and, for a rejection, one structured line with the certificate facts an operator
 * needs. Allowlist overrides and non-strict audits get their own line, because they are what an
 * admin reviews before enabling strict validation.
 */
final class HandshakeLog {
    private static final Logger log = LoggerFactory.getLogger("io.tlslab.client.endpoint.handshake");

    private HandshakeLog() {}

    static void record(String guid, HandshakeOutcome o) {
        String line = "handshake initiator=endpoint guid=" + guid + " provider="
                + o.engine().displayName()
                + " protocol=" + o.protocol() + " cipher=" + o.cipher() + " peer=" + o.peer() + " dialHost="
                + o.dialHost()
                + " mode=" + o.mode().label();
        switch (o.status()) {
            case ACCEPTED:
                log.info("{} outcome=ACCEPT", line);
                break;
            case REJECTED:
                log.warn(
                        "{} outcome=REJECT reason={}",
                        line,
                        o.reason().map(Enum::name).orElse("-"));
                break;
            default:
                log.warn("{} outcome=FAILED error=\"{}\"", line, o.error());
                break;
        }
        if (o.status() == HandshakeOutcome.Status.REJECTED) {
            log.warn(
                    "certificate rejected reason={} host={} {} checks={}",
                    o.reason().map(Enum::name).orElse("-"),
                    o.dialHost(),
                    leafFields(o),
                    o.verdict().failedChecks());
        } else if (o.accepted()) {
            Verdict v = o.verdict();
            if (v.allowlistOverride()) {
                log.info("allowlist override host={} {} overrode={}", o.dialHost(), leafFields(o), v.failedChecks());
            } else if (isAuditOnly(o.mode()) && !v.strictOutcome().isAccepted()) {
                log.info(
                        "audit: strict validation would reject reason={} host={} {} checks={}",
                        v.strictOutcome().reason().map(Enum::name).orElse("-"),
                        o.dialHost(),
                        leafFields(o),
                        v.failedChecks());
            }
        }
    }

    private static boolean isAuditOnly(ClientMode mode) {
        return mode == ClientMode.NON_STRICT || mode == ClientMode.LEGACY_5X;
    }

    private static String leafFields(HandshakeOutcome o) {
        return o.leaf().map(c -> logFields(CertificateFacts.of(c))).orElse("subject=-");
    }

    /** {@code subject="..." issuer="..." sans=[...] validTo=... sha1=... sha256=...} */
    static String logFields(CertificateFacts f) {
        return "subject=\"" + f.subject() + "\" issuer=\"" + f.issuer() + "\" sans=" + f.subjectAltNames() + " validTo="
                + f.notAfter() + " sha1=" + f.sha1() + " sha256=" + f.sha256();
    }
}
