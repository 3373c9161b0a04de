package io.tlslab.ca;

import io.tlslab.protocol.settings.Fingerprint;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate and the key pair it certifies, in the style of OkHttp's {@code HeldCertificate}.
 * Built with {@link #builder()}: safe defaults (EC P-256, valid from yesterday for 30 days, random
 * 64+ bit serial, not a CA, self-signed) and one explicit knob for every deviation a test needs.
 */
public final class HeldCertificate {
    private final KeyPair keyPair;
    private final X509Certificate certificate;

    /** Pairs an existing certificate with its key pair, e.g. after {@code BrokenChains.tamperSignature}. */
    public HeldCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    public static Builder builder() {
        return new Builder();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** DER encoding of the certificate. */
    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    public Fingerprint sha1() {
        return Fingerprint.sha1(der());
    }

    public Fingerprint sha256() {
        return Fingerprint.sha256(der());
    }

    /** The certificate as PEM ({@code BEGIN CERTIFICATE}). */
    public String certificatePem() {
        return io.tlslab.protocol.pem.Pem.certificate(certificate);
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public String privateKeyPkcs8Pem() {
        return io.tlslab.protocol.pem.Pem.privateKey(keyPair.getPrivate());
    }

    /** RFC 2253 subject, e.g. {@code CN=localhost}; empty string for an empty subject. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "HeldCertificate[" + (subject().isEmpty() ? "<empty subject>" : subject()) + ", sha256=" + sha256()
                + "]";
    }

    /** Builds one certificate. Not thread-safe; a builder may be reused after {@link #build()}. */
    public static final class Builder {
        private static final SecureRandom RANDOM = new SecureRandom();
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

        private Clock clock = Clock.systemUTC();
        private Instant notBefore;
        private Instant notAfter;
        private Duration duration = Duration.ofDays(30);
        private String commonName;
        private boolean emptySubject;
        private String organization;
        private final List<String> altNames = new ArrayList<>();
        private int maxIntermediateCas = -1; // -1: not a CA
        private boolean caPathLenUnlimited;
        private boolean omitBasicConstraints;
        private Set<KeyUsageFlag> keyUsage;
        private Set<KeyPurpose> extendedKeyUsage;
        private boolean omitExtendedKeyUsage;
        private final List<String> permittedDns = new ArrayList<>();
        private final List<String> excludedDns = new ArrayList<>();
        private HeldCertificate issuer;
        private KeySpec keySpec = KeySpec.EC_P256;
        private KeyPair keyPair;
        private SignatureAlgorithm signatureAlgorithm;
        private BigInteger serialNumber;
        private final List<RawExtension> rawExtensions = new ArrayList<>();

        private Builder() {}

        /** The clock "now" is read from (tests pin it); validity defaults start a day before now. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Exact validity; may lie entirely in the past (expired) or the future (not yet valid). */
        public Builder validityInterval(Instant notBefore, Instant notAfter) {
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
            }
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /** Valid from one day ago (clock skew) until {@code duration} from now. */
        public Builder duration(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive, got " + duration);
            }
            this.duration = duration;
            this.notBefore = null;
            this.notAfter = null;
            return this;
        }

        public Builder commonName(String cn) {
            this.commonName = Objects.requireNonNull(cn, "cn");
            this.emptySubject = false;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** An empty subject DN: then the SAN extension is marked critical, as RFC 5280 requires. */
        public Builder noSubject() {
            this.emptySubject = true;
            this.commonName = null;
            this.organization = null;
            return this;
        }

        /** A DNS name (wildcards allowed, e.g. {@code *.example.com}) or an IPv4/IPv6 literal. */
        public Builder addSubjectAlternativeName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("subject alternative name must not be blank");
            }
            altNames.add(name);
            return this;
        }

        /** Replaces all subject alternative names; with no argument the certificate has no SAN extension. */
        public Builder subjectAlternativeNames(String... names) {
            altNames.clear();
            for (String n : names) {
                addSubjectAlternativeName(n);
            }
            return this;
        }

        public Builder addSubjectAlternativeNames(Collection<String> names) {
            names.forEach(this::addSubjectAlternativeName);
            return this;
        }

        /** A CA that may have at most {@code maxIntermediateCas} CAs below it (the path length constraint). */
        public Builder certificateAuthority(int maxIntermediateCas) {
            if (maxIntermediateCas < 0) {
                throw new IllegalArgumentException("maxIntermediateCas must be >= 0, got " + maxIntermediateCas);
            }
            this.maxIntermediateCas = maxIntermediateCas;
            this.caPathLenUnlimited = false;
            return this;
        }

        /** A CA without a path length constraint. */
        public Builder certificateAuthority() {
            this.maxIntermediateCas = Integer.MAX_VALUE;
            this.caPathLenUnlimited = true;
            return this;
        }

        /** Not a CA (the default): basic constraints {@code CA:FALSE}, leaf key usage. */
        public Builder endEntity() {
            this.maxIntermediateCas = -1;
            this.caPathLenUnlimited = false;
            return this;
        }

        /** Leave out the basic constraints extension entirely (an old-style v3 certificate). */
        public Builder omitBasicConstraints() {
            this.omitBasicConstraints = true;
            return this;
        }

        /** Replaces the default key usage (CA: keyCertSign+cRLSign; RSA leaf: digitalSignature+keyEncipherment; else digitalSignature). */
        public Builder keyUsage(KeyUsageFlag... flags) {
            this.keyUsage = flags.length == 0 ? EnumSet.noneOf(KeyUsageFlag.class) : EnumSet.of(flags[0], flags);
            return this;
        }

        /** Replaces the default extended key usage (leaf: serverAuth; CA: none). */
        public Builder extendedKeyUsage(KeyPurpose... purposes) {
            if (purposes.length == 0) {
                this.omitExtendedKeyUsage = true;
                this.extendedKeyUsage = null;
            } else {
                this.omitExtendedKeyUsage = false;
                this.extendedKeyUsage = EnumSet.of(purposes[0], purposes);
            }
            return this;
        }

        /** Name constraints: names below this CA must lie within one of these DNS subtrees. */
        public Builder permittedDnsName(String subtree) {
            permittedDns.add(subtree);
            return this;
        }

        /** Name constraints: names below this CA must not lie within this DNS subtree. */
        public Builder excludedDnsName(String subtree) {
            excludedDns.add(subtree);
            return this;
        }

        /** Signed by {@code issuer}'s key, with its subject as issuer name; without it, self-signed. */
        public Builder signedBy(HeldCertificate issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder keySpec(KeySpec spec) {
            this.keySpec = Objects.requireNonNull(spec, "spec");
            this.keyPair = null;
            return this;
        }

        public Builder rsa2048() {
            return keySpec(KeySpec.RSA_2048);
        }

        public Builder rsa(int bits) {
            return keySpec(KeySpec.rsa(bits));
        }

        public Builder ecdsa256() {
            return keySpec(KeySpec.EC_P256);
        }

        public Builder ecdsa384() {
            return keySpec(KeySpec.EC_P384);
        }

        public Builder ed25519() {
            return keySpec(KeySpec.ED25519);
        }

        /** Use this key pair instead of generating one (key generation is the slow part: reuse keys). */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /** Defaults to {@link SignatureAlgorithm#defaultFor} the signer's key. */
        public Builder signatureAlgorithm(SignatureAlgorithm algorithm) {
            this.signatureAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        public Builder serialNumber(BigInteger serial) {
            if (serial.signum() <= 0) {
                throw new IllegalArgumentException("serial number must be positive");
            }
            this.serialNumber = serial;
            return this;
        }

        /**
         * Any serial number, zero and negative included: only for scenarios of broken certificates
         * (RFC 5280 4.1.2.2 wants a positive one, {@link #serialNumber} enforces that).
         */
        public Builder defectiveSerialNumber(BigInteger serial) {
            this.serialNumber = serial;
            return this;
        }

        /**
         * Adds an extension with exactly these value bytes (the content of the extnValue OCTET STRING), which
         * need not decode: for scenarios of unknown critical or undecodable extensions. An extension of the
         * same OID that the builder would add itself (e.g. SAN) is left out in its favour.
         */
        public Builder rawExtension(String oid, boolean critical, byte[] value) {
            rawExtensions.add(
                    new RawExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid), critical, value.clone()));
            return this;
        }

        public HeldCertificate build() {
            KeyPair subjectKeys = keyPair != null ? keyPair : keySpec.generate();
            KeyPair signerKeys = issuer != null ? issuer.keyPair() : subjectKeys;
            SignatureAlgorithm algorithm = signatureAlgorithm != null
                    ? signatureAlgorithm
                    : SignatureAlgorithm.defaultFor(signerKeys.getPublic());
            if (!algorithm.acceptsKey(signerKeys.getPublic())) {
                throw new IllegalArgumentException(algorithm.jcaName() + " needs a " + algorithm.keyAlgorithm()
                        + " signer key, but the " + (issuer != null ? "issuer" : "self-signing") + " key is "
                        + signerKeys.getPublic().getAlgorithm());
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant from = notBefore != null ? notBefore : now.minus(Duration.ofDays(1));
            Instant to = notAfter != null ? notAfter : now.plus(duration);

            X500Name subject = subjectName();
            X500Name issuerName = issuer != null
                    ? X500Name.getInstance(
                            issuer.certificate().getSubjectX500Principal().getEncoded())
                    : subject;
            BigInteger serial = serialNumber != null ? serialNumber : new BigInteger(64, RANDOM).setBit(63);
            try {
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        issuerName, serial, Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
                addExtensions(b, subjectKeys, signerKeys, subject.getRDNs().length == 0);
                ContentSigner signer = signer(algorithm, signerKeys.getPrivate());
                X509CertificateHolder holder = b.build(signer);
                // Parse with the JDK factory so callers get plain JDK certificates, not BC objects.
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
                return new HeldCertificate(subjectKeys, cert);
            } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
                throw new IllegalStateException("cannot build certificate for " + subject + ": " + e.getMessage(), e);
            }
        }

        /**
         * Signs with the JDK's own providers, which sign every algorithm here (MD5withRSA and
         * SHA1withRSA included); Bouncy Castle's provider is the fallback for a JDK that lacks one.
         * Why not always Bouncy Castle: loading its provider costs about half a second of CPU, a
         * quarter of the budget for minting the whole catalogue.
         */
        private static ContentSigner signer(SignatureAlgorithm algorithm, PrivateKey key)
                throws OperatorCreationException {
            try {
                java.security.Signature.getInstance(algorithm.jcaName());
                return new JcaContentSignerBuilder(algorithm.jcaName()).build(key);
            } catch (java.security.NoSuchAlgorithmException e) {
                return new JcaContentSignerBuilder(algorithm.jcaName())
                        .setProvider(BouncyCastle.provider())
                        .build(key);
            }
        }

        private X500Name subjectName() {
            X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
            if (emptySubject) {
                return nb.build();
            }
            if (organization != null) {
                nb.addRDN(BCStyle.O, organization);
            }
            String cn = commonName;
            if (cn == null) {
                // Like OkHttp: a unique name so distinct certificates never look like the same issuer.
                cn = altNames.isEmpty() ? UUID.randomUUID().toString() : altNames.get(0);
            }
            nb.addRDN(BCStyle.CN, cn);
            return nb.build();
        }

        private boolean isCa() {
            return maxIntermediateCas >= 0;
        }

        private void addExtensions(
                JcaX509v3CertificateBuilder b, KeyPair subjectKeys, KeyPair signerKeys, boolean subjectEmpty)
                throws CertIOException, GeneralSecurityException {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            if (!omitBasicConstraints) {
                BasicConstraints bc = !isCa()
                        ? new BasicConstraints(false)
                        : caPathLenUnlimited ? new BasicConstraints(true) : new BasicConstraints(maxIntermediateCas);
                b.addExtension(Extension.basicConstraints, true, bc);
            }
            Set<KeyUsageFlag> usage = keyUsage != null ? keyUsage : defaultKeyUsage(subjectKeys);
            if (!usage.isEmpty()) {
                int bits = 0;
                for (KeyUsageFlag f : usage) {
                    bits |= f.bcBit();
                }
                b.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
            }
            Set<KeyPurpose> purposes = omitExtendedKeyUsage
                    ? Set.of()
                    : extendedKeyUsage != null
                            ? extendedKeyUsage
                            : isCa() ? Set.of() : EnumSet.of(KeyPurpose.SERVER_AUTH);
            if (!purposes.isEmpty()) {
                b.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(
                                purposes.stream().map(KeyPurpose::bcId).toArray(KeyPurposeId[]::new)));
            }
            if (!altNames.isEmpty() && !hasRaw(Extension.subjectAlternativeName)) {
                ASN1Encodable[] names =
                        altNames.stream().map(Builder::generalName).toArray(ASN1Encodable[]::new);
                b.addExtension(Extension.subjectAlternativeName, subjectEmpty, new DERSequence(names));
            }
            if (!permittedDns.isEmpty() || !excludedDns.isEmpty()) {
                b.addExtension(
                        Extension.nameConstraints,
                        true,
                        new NameConstraints(subtrees(permittedDns), subtrees(excludedDns)));
            }
            for (RawExtension raw : rawExtensions) {
                b.addExtension(new Extension(raw.oid(), raw.critical(), raw.value()));
            }
            b.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(signerKeys.getPublic()));
        }

        private boolean hasRaw(org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
            return rawExtensions.stream().anyMatch(r -> r.oid().equals(oid));
        }

        private record RawExtension(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical, byte[] value) {}

        private Set<KeyUsageFlag> defaultKeyUsage(KeyPair subjectKeys) {
            if (isCa()) {
                return EnumSet.of(KeyUsageFlag.KEY_CERT_SIGN, KeyUsageFlag.CRL_SIGN, KeyUsageFlag.DIGITAL_SIGNATURE);
            }
            // keyEncipherment only makes sense for RSA (TLS 1.2 RSA key exchange).
            return subjectKeys.getPublic().getAlgorithm().equals("RSA")
                    ? EnumSet.of(KeyUsageFlag.DIGITAL_SIGNATURE, KeyUsageFlag.KEY_ENCIPHERMENT)
                    : EnumSet.of(KeyUsageFlag.DIGITAL_SIGNATURE);
        }

        private static GeneralSubtree[] subtrees(List<String> dnsNames) {
            if (dnsNames.isEmpty()) {
                return null;
            }
            return dnsNames.stream()
                    .map(n -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, n)))
                    .toArray(GeneralSubtree[]::new);
        }

        private static GeneralName generalName(String name) {
            if (IPV4.matcher(name).matches() || name.contains(":")) {
                return new GeneralName(GeneralName.iPAddress, name);
            }
            return new GeneralName(GeneralName.dNSName, name);
        }
    }
}
