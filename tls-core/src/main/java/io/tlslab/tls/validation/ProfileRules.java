package io.tlslab.tls.validation;

import com.google.common.net.InternetDomainName;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Encoding and profile rules a conforming certificate keeps: RFC 5280 section 4 in both profiles, the
 * CA/Browser Forum Baseline Requirements (section 7.1) on top under {@link ValidationProfile#WEBPKI}.
 * Each breach is {@code PROFILE_VIOLATION} unless the rule belongs to an existing check (key usage,
 * name constraints, naming). A trust anchor is configured by the operator, not issued to the endpoint:
 * only {@link #checkAnchor} applies to it.
 */
final class ProfileRules {
    private static final int MAX_SERIAL_OCTETS = 20;
    private static final String AD_OCSP = "1.3.6.1.5.5.7.48.1";
    private static final String AD_CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

    private ProfileRules() {}

    /** Rules for a certificate below the trust anchor at path index {@code i} (0 is the leaf). */
    static void check(DecodedCertificate f, int i, ValidationProfile profile, List<Finding> findings) {
        rfc5280(f, i, findings);
        if (profile == ValidationProfile.WEBPKI) {
            baselineRequirements(f, i, findings);
        }
    }

    /** The trust anchor: under webpki a root carries no EKU (BR 7.1.2.1.2); RFC 5280 asks nothing of it. */
    static void checkAnchor(DecodedCertificate f, int i, ValidationProfile profile, List<Finding> findings) {
        if (profile == ValidationProfile.WEBPKI && i > 0 && f.present(Extension.extendedKeyUsage)) {
            findings.add(violation(
                    f, i, "is a root with an extended key usage extension (BR 7.1.2.1.2: MUST NOT be present)"));
        }
    }

    private static void rfc5280(DecodedCertificate f, int i, List<Finding> findings) {
        if (f.serial.signum() <= 0) {
            findings.add(violation(f, i, "has serial number " + f.serial + " (RFC 5280 4.1.2.2: MUST be positive)"));
        } else if (f.serialOctets > MAX_SERIAL_OCTETS) {
            findings.add(
                    violation(f, i, "has a " + f.serialOctets + "-octet serial number (RFC 5280 4.1.2.2: at most 20)"));
        }
        if (!f.present(Extension.authorityKeyIdentifier) && !f.selfIssued()) {
            findings.add(violation(f, i, "has no authority key identifier (RFC 5280 4.2.1.1: MUST be present)"));
        }
        nonCritical(f, i, Extension.authorityKeyIdentifier, "authority key identifier", "4.2.1.1", findings);
        nonCritical(f, i, Extension.subjectKeyIdentifier, "subject key identifier", "4.2.1.2", findings);
        if (f.isCa() && !f.present(Extension.subjectKeyIdentifier)) {
            findings.add(
                    violation(f, i, "is a CA without a subject key identifier (RFC 5280 4.2.1.2: MUST be present)"));
        }
        if (f.isCa() && !f.critical(Extension.basicConstraints)) {
            findings.add(violation(
                    f, i, "is a CA whose basic constraints are not critical (RFC 5280 4.2.1.9: MUST be critical)"));
        }
        if (f.basicConstraints != null && !f.isCa() && f.pathLenConstraint() != null) {
            findings.add(violation(f, i, "sets a path length constraint without being a CA (RFC 5280 4.2.1.9)"));
        }
        if (i > 0 && f.mapsAnyPolicy) {
            findings.add(violation(
                    f,
                    i,
                    "maps anyPolicy in its policy mappings (RFC 5280 6.1.4 (a): the path is invalid, whether or"
                            + " not the extension is critical)"));
        }
        if (f.present(Extension.policyConstraints) && !f.critical(Extension.policyConstraints)) {
            findings.add(violation(f, i, "has non-critical policy constraints (RFC 5280 4.2.1.11: MUST be critical)"));
        }
        if (f.present(Extension.nameConstraints) && !f.isCa()) {
            findings.add(new Finding(
                    ReasonCode.NAME_CONSTRAINTS,
                    f.subjectText()
                            + " carries name constraints but is not a CA (RFC 5280 4.2.1.10: CA certificates only)",
                    i));
        }
        if (f.subjectEmpty() && !f.critical(Extension.subjectAlternativeName)) {
            findings.add(violation(
                    f,
                    i,
                    "has an empty subject and a non-critical (or no) subject alternative name"
                            + " (RFC 5280 4.2.1.6: MUST be critical)"));
        }
        if (f.subjectAltNames != null) {
            for (GeneralName name : f.subjectAltNames) {
                sanSyntax(f, i, name, findings);
            }
        }
    }

    private static void sanSyntax(DecodedCertificate f, int i, GeneralName name, List<Finding> findings) {
        if (name.getTagNo() == GeneralName.dNSName) {
            String dns = ASN1IA5String.getInstance(name.getName()).getString();
            String problem = DnsNames.syntaxProblem(dns, i == 0);
            if (problem != null) {
                findings.add(violation(
                        f,
                        i,
                        "has DNS SAN '" + dns + "' that is not a valid host name: " + problem
                                + " (RFC 5280 4.2.1.6 preferred name syntax)"));
            }
        } else if (name.getTagNo() == GeneralName.iPAddress) {
            int length = ASN1OctetString.getInstance(name.getName()).getOctets().length;
            if (length != 4 && length != 16) {
                findings.add(violation(f, i, "has an IP SAN of " + length + " octets (RFC 5280 4.2.1.6: 4 or 16)"));
            }
        }
    }

    private static void baselineRequirements(DecodedCertificate f, int i, List<Finding> findings) {
        if (f.authorityKeyIdentifier != null
                && (f.authorityKeyIdentifier.getKeyIdentifierOctets() == null
                        || f.authorityKeyIdentifier.getAuthorityCertIssuer() != null
                        || f.authorityKeyIdentifier.getAuthorityCertSerialNumber() != null)
                && !f.selfIssued()) {
            findings.add(violation(
                    f, i, "has an authority key identifier that is not a bare keyIdentifier" + " (BR 7.1.2.11.1)"));
        }
        if (!f.subjectEmpty() && f.critical(Extension.subjectAlternativeName)) {
            findings.add(violation(
                    f, i, "marks its subject alternative name critical with a non-empty subject" + " (BR 7.1.2.7.12)"));
        }
        if (f.present(Extension.authorityInfoAccess)) {
            authorityInformationAccess(f, i, findings);
        }
        if (i == 0) {
            if (f.isCa()) {
                findings.add(violation(f, i, "is a server certificate with cA=TRUE (BR 7.1.2.7.8)"));
            }
            if (f.subjectAltNames != null) {
                for (GeneralName name : f.subjectAltNames) {
                    if (name.getTagNo() != GeneralName.dNSName && name.getTagNo() != GeneralName.iPAddress) {
                        findings.add(violation(
                                f,
                                i,
                                "has a subject alternative name of type " + name.getTagNo()
                                        + "; webpki allows DNS and IP names only (BR 7.1.2.7.12)"));
                    } else if (name.getTagNo() == GeneralName.dNSName) {
                        publicSuffixWildcard(
                                f, ASN1IA5String.getInstance(name.getName()).getString(), findings);
                    }
                }
            }
        }
    }

    private static void authorityInformationAccess(DecodedCertificate f, int i, List<Finding> findings) {
        if (f.critical(Extension.authorityInfoAccess)) {
            findings.add(violation(f, i, "marks authority information access critical (BR 7.1.2.7.7: MUST NOT)"));
        }
        if (f.authorityInformationAccess == null) {
            return; // undecodable: already a problem
        }
        for (AccessDescription d : f.authorityInformationAccess.getAccessDescriptions()) {
            String method = d.getAccessMethod().getId();
            GeneralName location = d.getAccessLocation();
            boolean httpUri = location.getTagNo() == GeneralName.uniformResourceIdentifier
                    && ASN1IA5String.getInstance(location.getName()).getString().startsWith("http://");
            if (!(method.equals(AD_OCSP) || method.equals(AD_CA_ISSUERS)) || !httpUri) {
                findings.add(violation(
                        f,
                        i,
                        "has an authority information access entry " + method + " -> " + location
                                + "; BR 7.1.2.7.7 allows only OCSP or caIssuers with an http:// URI"));
            }
        }
    }

    /**
     * BR 3.2.2.6: no wildcard immediately left of a registry-controlled suffix ({@code *.co.uk}). Guava's
     * {@link InternetDomainName} carries the Public Suffix List; the ICANN section ("registry suffix") is
     * what browsers refuse wildcards over (private suffixes like github.io hold legitimate wildcards).
     */
    private static void publicSuffixWildcard(DecodedCertificate f, String dns, List<Finding> findings) {
        if (!dns.startsWith("*.")) {
            return;
        }
        String base = dns.substring(2);
        if (base.endsWith(".")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            if (InternetDomainName.from(base).isRegistrySuffix()) {
                findings.add(violation(
                        f, 0, "has wildcard SAN '" + dns + "' over the public suffix '" + base + "' (BR 3.2.2.6)"));
            }
        } catch (IllegalArgumentException e) {
            // not a valid domain: the syntax rule already reported it
        }
    }

    private static void nonCritical(
            DecodedCertificate f,
            int i,
            org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
            String what,
            String section,
            List<Finding> findings) {
        if (f.critical(oid)) {
            findings.add(violation(f, i, "marks its " + what + " critical (RFC 5280 " + section + ": MUST NOT)"));
        }
    }

    private static Finding violation(DecodedCertificate f, int i, String what) {
        return new Finding(ReasonCode.PROFILE_VIOLATION, f.subjectText() + " " + what, i);
    }
}
