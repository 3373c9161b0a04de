package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * Revocation against operator-supplied CRLs (issue 14 item 5; off unless the policy carries CRLs). For each
 * certificate below the trust anchor, a CRL counts only when it is complete and usable for that
 * certificate's issuer (the next certificate on the path): same issuer name, signature verified with the
 * issuer's key, the issuer's key usage (when present) allows cRLSign, a CRL number present and not
 * critical, thisUpdate not in the future and nextUpdate (when present) not in the past, no critical
 * extension tlslab does not process, not a delta CRL, and any issuing-distribution-point scope covering the
 * certificate. A certificate listed on a usable CRL (reason other than removeFromCRL) is {@code REVOKED}.
 * A CRL that is not usable proves nothing and is skipped: with no usable CRL the status is unknown and
 * nothing is reported (soft-fail, the only sensible choice when revocation data is optional).
 */
final class RevocationCheck {
    private static final Set<String> PROCESSED_CRL_EXTENSIONS = Set.of(
            Extension.cRLNumber.getId(),
            Extension.authorityKeyIdentifier.getId(),
            Extension.issuingDistributionPoint.getId());

    private RevocationCheck() {}

    static void check(ValidationRun run, List<X509Certificate> path, List<Finding> findings) {
        Date now = Date.from(run.at);
        for (int i = 0; i < path.size() - 1; i++) {
            X509Certificate subject = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            for (X509CRL crl : run.policy.crls()) {
                if (!crl.getIssuerX500Principal().equals(run.facts(issuer).subjectPrincipal())
                        || !usable(run, crl, issuer, now)
                        || !covers(crl, run.facts(subject))) {
                    continue;
                }
                X509CRLEntry entry = crl.getRevokedCertificate(run.facts(subject).serial);
                if (entry != null
                        && !removedFromCrl(entry)
                        && !entry.getRevocationDate().after(now)) {
                    findings.add(new Finding(
                            ReasonCode.REVOKED,
                            run.facts(subject).subjectText() + " (serial "
                                    + run.facts(subject).serial.toString(16) + ") was revoked at "
                                    + entry.getRevocationDate().toInstant() + " by its issuer's CRL",
                            i));
                    break;
                }
            }
        }
    }

    private static boolean usable(ValidationRun run, X509CRL crl, X509Certificate issuer, Date now) {
        if (crl.getThisUpdate().after(now)
                || (crl.getNextUpdate() != null && crl.getNextUpdate().before(now))) {
            return false;
        }
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null) {
            for (String oid : critical) {
                if (!PROCESSED_CRL_EXTENSIONS.contains(oid)) {
                    return false;
                }
            }
            if (critical.contains(Extension.cRLNumber.getId())) {
                return false; // RFC 5280 5.2.3: MUST be non-critical
            }
        }
        if (crl.getExtensionValue(Extension.cRLNumber.getId()) == null
                || crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null) {
            return false;
        }
        DecodedCertificate issuerFacts = run.facts(issuer);
        if (issuerFacts.keyUsage != null && !issuerFacts.keyUsageBit(PathChecks.KU_CRL_SIGN)) {
            return false;
        }
        if (issuerFacts.present(Extension.keyUsage) && issuerFacts.keyUsage == null) {
            return false; // undecodable key usage: cannot tell whether cRLSign is allowed
        }
        return Signatures.verifies(crl, issuerFacts.publicKey());
    }

    /** An issuing distribution point may narrow the CRL's scope; any scope tlslab does not model makes it unusable. */
    private static boolean covers(X509CRL crl, DecodedCertificate subject) {
        byte[] idpValue = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        if (idpValue == null) {
            return true;
        }
        try {
            IssuingDistributionPoint idp = IssuingDistributionPoint.getInstance(
                    org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(idpValue));
            if (idp.getDistributionPoint() != null
                    || idp.getOnlySomeReasons() != null
                    || idp.isIndirectCRL()
                    || idp.onlyContainsAttributeCerts()) {
                return false;
            }
            return !(idp.onlyContainsUserCerts() && subject.isCa()) && !(idp.onlyContainsCACerts() && !subject.isCa());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean removedFromCrl(X509CRLEntry entry) {
        byte[] reason = entry.getExtensionValue(Extension.reasonCode.getId());
        if (reason == null) {
            return false;
        }
        try {
            ASN1Primitive value = org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(reason);
            return ASN1Enumerated.getInstance(value).getValue().intValue() == CRLReason.removeFromCRL;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
