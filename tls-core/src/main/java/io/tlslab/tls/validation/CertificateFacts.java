package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Everything the checks need from one certificate, decoded once per validation from the certificate's
 * own DER with Bouncy Castle (the JDK's getters turn an undecodable extension into "absent", which is how
 * a broken SAN used to let the CN match). An extension that is present but does not decode is recorded as
 * a {@link #problems() problem} with the reason code of the check it belongs to, and its value stays null:
 * no check ever mistakes it for an absent extension, because each check asks {@link #present} first.
 */
final class CertificateFacts {
    /** Extensions whose content the validator acts on: only these may be critical (RFC 5280 4.2). */
    static final Set<ASN1ObjectIdentifier> PROCESSED = Set.of(
            Extension.basicConstraints,
            Extension.keyUsage,
            Extension.extendedKeyUsage,
            Extension.subjectAlternativeName,
            Extension.nameConstraints,
            Extension.authorityKeyIdentifier,
            Extension.subjectKeyIdentifier,
            Extension.certificatePolicies,
            Extension.policyConstraints,
            Extension.inhibitAnyPolicy);

    static final String EKU_SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
    static final String EKU_ANY = KeyPurposeId.anyExtendedKeyUsage.getId();

    /** A defect found while decoding, reported by whichever check owns it. */
    record Problem(ReasonCode reason, String detail) {}

    final X509Certificate certificate;
    final String subjectText;
    final X500Name subject;
    final boolean selfIssued;
    final BigInteger serial;
    final int serialOctets;
    final Extensions extensions;
    final List<Problem> problems = new ArrayList<>(0);
    final List<String> unprocessedCritical = new ArrayList<>(0);

    BasicConstraints basicConstraints;
    /** Key usage bits (RFC 5280 numbering), null when absent or undecodable. */
    boolean[] keyUsage;
    /** EKU OIDs, null when absent or undecodable. */
    List<String> extendedKeyUsage;
    /** SANs, null when absent or undecodable ({@link #sanUndecodable} tells which). */
    GeneralName[] subjectAltNames;

    boolean sanUndecodable;
    NameConstraints nameConstraints;
    boolean nameConstraintsUndecodable;
    AuthorityKeyIdentifier authorityKeyIdentifier;
    byte[] subjectKeyIdentifier;
    /** Policy OIDs, null when the extension is absent or undecodable. */
    List<String> policies;

    PolicyConstraints policyConstraints;
    /** inhibitAnyPolicy SkipCerts, -1 when absent. */
    int inhibitAnyPolicy = -1;

    AuthorityInformationAccess authorityInformationAccess;
    /** {@link #nameConstraints} compiled on first use by {@link NameConstraintSet#of}; volatile: facts are shared across threads. */
    volatile NameConstraintSet compiledNameConstraints;
    /** Subject CNs, most specific first (decoded once: every hostname and name-constraint check asks). */
    final List<String> commonNames;

    private CertificateFacts(X509Certificate certificate, Certificate parsed) {
        this.certificate = certificate;
        this.subjectText = CertificateNames.subject(certificate);
        this.selfIssued = CertificateNames.isSelfIssued(certificate);
        this.commonNames = List.copyOf(CertificateNames.commonNames(certificate));
        if (parsed == null) {
            this.subject =
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            this.serial = certificate.getSerialNumber();
            this.serialOctets = serial.toByteArray().length;
            this.extensions = null;
            problems.add(new Problem(ReasonCode.PROFILE_VIOLATION, subjectText + " is not valid DER"));
            return;
        }
        this.subject = parsed.getSubject();
        ASN1Integer serialInteger = parsed.getSerialNumber();
        this.serial = serialInteger.getValue();
        this.serialOctets = serial.toByteArray().length;
        this.extensions = parsed.getTBSCertificate().getExtensions();
        if (extensions != null) {
            decodeAll();
        }
    }

    static CertificateFacts of(X509Certificate certificate) {
        Certificate parsed;
        try {
            parsed = Certificate.getInstance(certificate.getEncoded());
            if (parsed.getTBSCertificate().getExtensions() != null) {
                parsed.getTBSCertificate().getExtensions().getExtensionOIDs(); // forces lazy parsing
            }
        } catch (CertificateEncodingException | RuntimeException e) {
            // Bouncy Castle refuses what the JDK accepted: duplicate extensions, bad integers, trailing data
            parsed = null;
        }
        return new CertificateFacts(certificate, parsed);
    }

    boolean present(ASN1ObjectIdentifier oid) {
        return extensions != null && extensions.getExtension(oid) != null;
    }

    boolean critical(ASN1ObjectIdentifier oid) {
        Extension e = extensions == null ? null : extensions.getExtension(oid);
        return e != null && e.isCritical();
    }

    /** cA is asserted (and the extension decoded). */
    boolean isCa() {
        return basicConstraints != null && basicConstraints.isCA();
    }

    boolean keyUsageBit(int bit) {
        return keyUsage != null && bit < keyUsage.length && keyUsage[bit];
    }

    private void decodeAll() {
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Extension e = extensions.getExtension(oid);
            if (e.isCritical() && !PROCESSED.contains(oid)) {
                unprocessedCritical.add(oid.getId());
            }
            try {
                decode(oid, e);
            } catch (RuntimeException ex) {
                undecodable(oid);
            }
        }
    }

    private void decode(ASN1ObjectIdentifier oid, Extension e) {
        if (oid.equals(Extension.basicConstraints)) {
            basicConstraints = BasicConstraints.getInstance(e.getParsedValue());
        } else if (oid.equals(Extension.keyUsage)) {
            org.bouncycastle.asn1.x509.KeyUsage ku =
                    org.bouncycastle.asn1.x509.KeyUsage.getInstance(e.getParsedValue());
            byte[] bytes = ku.getBytes();
            boolean[] bits = new boolean[Math.max(9, bytes.length * 8)];
            boolean any = false;
            for (int i = 0; i < bytes.length * 8; i++) {
                bits[i] = (bytes[i / 8] & (0x80 >>> (i % 8))) != 0;
                any |= bits[i];
            }
            if (!any) {
                throw new IllegalArgumentException("no key usage bit set"); // RFC 5280 4.2.1.3
            }
            keyUsage = bits;
        } else if (oid.equals(Extension.extendedKeyUsage)) {
            KeyPurposeId[] usages =
                    ExtendedKeyUsage.getInstance(e.getParsedValue()).getUsages();
            if (usages.length == 0) {
                throw new IllegalArgumentException("empty extended key usage");
            }
            List<String> ids = new ArrayList<>(usages.length);
            for (KeyPurposeId id : usages) {
                ids.add(id.getId());
            }
            extendedKeyUsage = ids;
        } else if (oid.equals(Extension.subjectAlternativeName)) {
            GeneralName[] names = GeneralNames.getInstance(e.getParsedValue()).getNames();
            if (names.length == 0) {
                throw new IllegalArgumentException("empty subject alternative name");
            }
            for (GeneralName n : names) {
                n.getName().toASN1Primitive(); // forces every name to decode now
            }
            subjectAltNames = names;
        } else if (oid.equals(Extension.nameConstraints)) {
            nameConstraints = NameConstraints.getInstance(e.getParsedValue());
        } else if (oid.equals(Extension.authorityKeyIdentifier)) {
            authorityKeyIdentifier = AuthorityKeyIdentifier.getInstance(e.getParsedValue());
        } else if (oid.equals(Extension.subjectKeyIdentifier)) {
            subjectKeyIdentifier =
                    SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier();
        } else if (oid.equals(Extension.certificatePolicies)) {
            PolicyInformation[] infos =
                    CertificatePolicies.getInstance(e.getParsedValue()).getPolicyInformation();
            List<String> ids = new ArrayList<>(infos.length);
            for (PolicyInformation info : infos) {
                ids.add(info.getPolicyIdentifier().getId());
            }
            policies = ids;
        } else if (oid.equals(Extension.policyConstraints)) {
            policyConstraints = PolicyConstraints.getInstance(e.getParsedValue());
        } else if (oid.equals(Extension.inhibitAnyPolicy)) {
            inhibitAnyPolicy = ASN1Integer.getInstance(e.getParsedValue()).intValueExact();
        } else if (oid.equals(Extension.authorityInfoAccess)) {
            authorityInformationAccess = AuthorityInformationAccess.getInstance(e.getParsedValue());
        } else if (e.isCritical()) {
            e.getParsedValue(); // an unprocessed critical extension must at least be well-formed DER
        }
    }

    private void undecodable(ASN1ObjectIdentifier oid) {
        ReasonCode reason;
        if (oid.equals(Extension.basicConstraints)) {
            reason = ReasonCode.NOT_CA;
        } else if (oid.equals(Extension.keyUsage) || oid.equals(Extension.extendedKeyUsage)) {
            reason = ReasonCode.BAD_KEY_USAGE;
        } else if (oid.equals(Extension.subjectAlternativeName)) {
            sanUndecodable = true;
            reason = ReasonCode.HOSTNAME_MISMATCH;
        } else if (oid.equals(Extension.nameConstraints)) {
            nameConstraintsUndecodable = true;
            reason = ReasonCode.NAME_CONSTRAINTS;
        } else {
            reason = ReasonCode.PROFILE_VIOLATION;
        }
        problems.add(new Problem(
                reason,
                subjectText + " has an extension " + oid.getId()
                        + " that does not decode (treated as a failed check, never as absent)"));
    }
}
