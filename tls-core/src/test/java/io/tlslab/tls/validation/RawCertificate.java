package io.tlslab.tls.validation;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeySpec;
import io.tlslab.ca.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates HeldCertificate will not make: any extension, critical or not, encoded or as raw (possibly
 * malformed) bytes, any serial, AKI/SKI left out. Built with Bouncy Castle's X509v3CertificateBuilder and
 * returned as JDK certificates, like those a server sends.
 */
final class RawCertificate {
    private record Ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value, byte[] raw) {}

    private final String subject;
    private X500Name issuerName;
    private KeyPair issuerKeys;
    private KeyPair keys = TestPki.LEAF_KEYS;
    private BigInteger serial = BigInteger.valueOf(4242);
    private Instant notBefore = TestPki.NOW.minus(Duration.ofDays(1));
    private Instant notAfter = TestPki.NOW.plus(Duration.ofDays(90));
    private boolean authorityKeyId = true;
    private boolean subjectKeyId = true;
    private final List<Ext> extensions = new ArrayList<>();

    private RawCertificate(String subject) {
        this.subject = subject;
    }

    /** A certificate with subject {@code dn} (e.g. "CN=localhost") and no extensions yet but AKI/SKI. */
    static RawCertificate subject(String dn) {
        return new RawCertificate(dn);
    }

    /** A TLS server leaf for {@code host}: DNS SAN, digitalSignature, serverAuth, cA=false. */
    static RawCertificate leaf(String host) {
        return subject("CN=" + host)
                .endEntity()
                .extension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
                .extension(
                        Extension.extendedKeyUsage,
                        false,
                        new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
    }

    /** A CA: critical cA=true, keyCertSign + cRLSign. */
    static RawCertificate ca(String dn) {
        return subject(dn)
                .extension(Extension.basicConstraints, true, new BasicConstraints(true))
                .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    RawCertificate endEntity() {
        return extension(Extension.basicConstraints, true, new BasicConstraints(false))
                .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    }

    /**
     * A leaf for localhost signed by {@code issuer} whose issuer field spells the name as the PrintableString
     * CN {@code cn}: for an issuer whose subject is a UTF8String, one name in two encodings (RFC 5280 7.1).
     */
    static X509Certificate leafNamingItsIssuer(HeldCertificate issuer, String cn) {
        X500Name printable = new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERPrintableString(cn))});
        return leaf("localhost").issuedBy(issuer).issuerName(printable).build();
    }

    RawCertificate issuedBy(HeldCertificate issuer) {
        this.issuerName = X500Name.getInstance(
                issuer.certificate().getSubjectX500Principal().getEncoded());
        this.issuerKeys = issuer.keyPair();
        return this;
    }

    /** The issuer field as given (call after {@link #issuedBy}): e.g. the issuer's name in another encoding. */
    RawCertificate issuerName(X500Name name) {
        this.issuerName = name;
        return this;
    }

    RawCertificate keys(KeyPair keyPair) {
        this.keys = keyPair;
        return this;
    }

    RawCertificate validity(Instant from, Instant to) {
        this.notBefore = from;
        this.notAfter = to;
        return this;
    }

    RawCertificate serial(BigInteger value) {
        this.serial = value;
        return this;
    }

    RawCertificate withoutAuthorityKeyId() {
        this.authorityKeyId = false;
        return this;
    }

    RawCertificate withoutSubjectKeyId() {
        this.subjectKeyId = false;
        return this;
    }

    /** Adds or replaces the extension {@code oid}. */
    RawCertificate extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        extensions.removeIf(e -> e.oid().equals(oid));
        extensions.add(new Ext(oid, critical, value, null));
        return this;
    }

    /** Adds or replaces the extension {@code oid} with these exact value bytes (well-formed or not). */
    RawCertificate rawExtension(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
        extensions.removeIf(e -> e.oid().equals(oid));
        extensions.add(new Ext(oid, critical, null, value));
        return this;
    }

    RawCertificate without(ASN1ObjectIdentifier oid) {
        extensions.removeIf(e -> e.oid().equals(oid));
        return this;
    }

    X509Certificate build() {
        return held().certificate();
    }

    /** The certificate with its key pair, so it can issue others. */
    HeldCertificate held() {
        try {
            X500Name subjectName = new X500Name(subject);
            X500Name issuer = issuerName != null ? issuerName : subjectName;
            KeyPair signer = issuerKeys != null ? issuerKeys : keys;
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer, serial, Date.from(notBefore), Date.from(notAfter), subjectName, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            for (Ext e : extensions) {
                if (e.raw() != null) {
                    b.addExtension(e.oid(), e.critical(), e.raw());
                } else {
                    b.addExtension(e.oid(), e.critical(), e.value());
                }
            }
            if (subjectKeyId && extensions.stream().noneMatch(e -> e.oid().equals(Extension.subjectKeyIdentifier))) {
                b.addExtension(
                        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            }
            if (authorityKeyId
                    && extensions.stream().noneMatch(e -> e.oid().equals(Extension.authorityKeyIdentifier))) {
                PublicKey signerKey = signer.getPublic();
                b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(signerKey));
            }
            String algorithm = signer.getPrivate().getAlgorithm().equals("EC")
                    ? "SHA256withECDSA"
                    : signer.getPrivate().getAlgorithm().equals("DSA") ? "SHA256withDSA" : "SHA256withRSA";
            byte[] der = b.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate()))
                    .getEncoded();
            X509Certificate cert = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return new HeldCertificate(keys, cert);
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint " + subject + ": " + e.getMessage(), e);
        }
    }

    static KeyPair ecKeys() {
        return KeySpec.EC_P256.generate();
    }
}
