package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
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
 * own DER (located by {@link CertificateFields}, or by Bouncy Castle's parser where that declines), each
 * extension with Bouncy Castle (the JDK's getters turn an undecodable extension into "absent", which is how
 * a broken SAN used to let the CN match). An extension that is present but does not decode is recorded as
 * a {@link #problems() problem} with the reason code of the check it belongs to, and its value stays null:
 * no check ever mistakes it for an absent extension, because each check asks {@link #present} first.
 */
final class DecodedCertificate {
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

    static final String ANY_POLICY = "2.5.29.32.0";
    static final String EKU_SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
    static final String EKU_ANY = KeyPurposeId.anyExtendedKeyUsage.getId();

    /** A defect found while decoding, reported by whichever check owns it. */
    record Problem(ReasonCode reason, String detail) {}

    final X509Certificate certificate;
    /**
     * The JDK's names, read once: on Java 17 every X509Certificate getter is a string-keyed attribute lookup
     * that copies, and the checks ask for these on every candidate path. Made from {@link #subjectDer} and
     * {@link #issuerDer} on first use where the certificate's own bytes were read ({@link #fields}): most
     * validations never need them (equal encodings are equal names), and a certificate handed over unparsed
     * (the OpenSSL engine's) then never has the JDK parse it at all. One the JDK's factory parsed already
     * (the JDK engine's) gives its own.
     */
    private volatile X500Principal subjectPrincipal;

    private volatile X500Principal issuerPrincipal;
    /**
     * Where this certificate's fields lie in its DER, or null on the Bouncy Castle path: signatures are then
     * verified from these bytes, not from the JDK's getters.
     */
    final CertificateFields fields;
    /** Their encodings, kept: the JDK re-encodes a name on every getEncoded(). */
    private final byte[] subjectDer;

    private final byte[] issuerDer;
    final long notBeforeMillis;
    final long notAfterMillis;
    /** The subject key as a JDK key, decoded on first use where {@link #fields} are known (see {@link #publicKey()}). */
    private volatile PublicKey publicKey;

    private volatile Object keyIdentity;
    /**
     * The SubjectPublicKeyInfo as the certificate carries it (plain DER, see {@link CertificateFields}), or null
     * on the Bouncy Castle path: the native provider builds its key from it without the JDK re-encoding the key.
     */
    final byte[] keyEncoding;

    final int version;
    final SignatureAlgorithms.Digest digest;
    /**
     * The JCA name to verify the signature with over {@link #fields}' bytes (a parameterless RSA or ECDSA
     * algorithm), else null: the certificate's own verify then handles it.
     */
    final String signatureAlgorithm;
    /** Set by the Bouncy Castle paths, else made from {@link #subjectDer} on first use ({@link #subject()}). */
    private volatile X500Name subject;
    /** 0 not yet known, 1 self-issued, 2 not (decided on first use: it costs canonical names when they differ). */
    private volatile byte selfIssued;

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
    /** A policyMappings extension (critical or not) names anyPolicy on either side (RFC 5280 6.1.4 (a)). */
    boolean mapsAnyPolicy;
    /** {@link #nameConstraints} compiled on first use by {@link NameConstraintSet#of}; volatile: facts are shared across threads. */
    volatile NameConstraintSet compiledNameConstraints;
    /** Subject CNs, most specific first; decoded on first use (only hostname and name-constraint checks ask). */
    private volatile List<String> commonNames;
    /** The subject for messages; made on first use (only a finding needs it). */
    private volatile String subjectText;

    private volatile List<String> dnsNames;
    private static final int MAX_REMEMBERED_ISSUERS = 4;
    /**
     * Signature results as (issuer key, Boolean) pairs: a pure function of this certificate's bytes and the
     * key, so it lives as long as these facts (the signature memo's answer without hashing any bytes).
     */
    private volatile Object[] verifiedWith = new Object[0];

    private final AtomicReferenceArray<List<Finding>> ownRules =
            new AtomicReferenceArray<>(ValidationProfile.values().length * 2);
    private BigInteger pathLenConstraint;
    /**
     * The issuer key as the native signature provider's own key object, made on first use and kept as long
     * as these facts are (a trust anchor's for the validator's life): translating a JDK key costs the
     * provider a parse and, for RSA, a Montgomery set-up on every verification otherwise.
     */
    volatile PublicKey nativeKey;

    private DecodedCertificate(X509Certificate certificate, Certificate parsed, CertificateFields fields) {
        this.certificate = certificate;
        this.fields = fields;
        if (fields != null) {
            String algorithm = fields.signatureAlgorithmId();
            byte[] parameters = fields.signatureAlgorithmParameters();
            this.digest = SignatureAlgorithms.digestOf(algorithm, parameters);
            this.signatureAlgorithm = SignatureAlgorithms.parameterlessName(algorithm, parameters);
            // read from the bytes: each JDK 17 getter is a string-keyed lookup that copies
            long notBefore = fields.notBeforeMillis();
            long notAfter = fields.notAfterMillis();
            this.notBeforeMillis = notBefore != Long.MIN_VALUE
                    ? notBefore
                    : certificate.getNotBefore().getTime();
            this.notAfterMillis = notAfter != Long.MIN_VALUE
                    ? notAfter
                    : certificate.getNotAfter().getTime();
            this.version = 3; // the only version CertificateFields accepts
            this.keyEncoding = fields.keyEncoding();
            // the exact bytes Bouncy Castle would have parsed, so the same values (the subject's X500Name on use)
            this.subjectDer = fields.subjectEncoding();
            this.issuerDer = fields.issuerEncoding();
            this.serial = new BigInteger(fields.serialContents());
            this.serialOctets = serial.toByteArray().length;
            this.extensions = extensionsOf(fields);
            if (extensions != null) {
                decodeAll();
            }
            return;
        }
        this.subjectPrincipal = certificate.getSubjectX500Principal();
        this.issuerPrincipal = certificate.getIssuerX500Principal();
        this.publicKey = certificate.getPublicKey();
        this.digest = SignatureAlgorithms.digestOf(certificate);
        this.signatureAlgorithm = null;
        this.notBeforeMillis = certificate.getNotBefore().getTime();
        this.notAfterMillis = certificate.getNotAfter().getTime();
        this.version = certificate.getVersion();
        this.keyEncoding = null;
        this.subjectDer = subjectPrincipal.getEncoded();
        this.issuerDer = issuerPrincipal.getEncoded();
        if (parsed == null) {
            this.subject = subjectOrEmpty(subjectDer);
            this.serial = certificate.getSerialNumber();
            this.serialOctets = serial.toByteArray().length;
            this.extensions = null;
            problems.add(new Problem(ReasonCode.PROFILE_VIOLATION, subjectText() + " is not valid DER"));
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

    /**
     * Decodes {@code certificate}: from one strict pass over its DER where it is plain DER of the v3 shape
     * (nearly always), else with Bouncy Castle's parser, which then decides what is refused.
     */
    static DecodedCertificate of(X509Certificate certificate) {
        CertificateFields fields;
        try {
            fields = CertificateFields.read(certificate.getEncoded());
        } catch (CertificateEncodingException | RuntimeException e) {
            fields = null;
        }
        return fields != null ? new DecodedCertificate(certificate, null, fields) : withBouncyCastle(certificate);
    }

    /** Decoded from Bouncy Castle's parse of the whole certificate (tests compare both ways). */
    static DecodedCertificate withBouncyCastle(X509Certificate certificate) {
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
        return new DecodedCertificate(certificate, parsed, null);
    }

    /** The extensions as Bouncy Castle objects made from the octets found (null without an extensions field). */
    private static Extensions extensionsOf(CertificateFields fields) {
        if (fields.extensions.isEmpty()) {
            return null;
        }
        Extension[] all = new Extension[fields.extensions.size()];
        for (int i = 0; i < all.length; i++) {
            CertificateFields.Extension e = fields.extensions.get(i);
            all[i] = new Extension(
                    ASN1ObjectIdentifier.fromContents(e.oid()),
                    e.critical(),
                    new DEROctetString(Arrays.copyOfRange(fields.der, e.valueStart(), e.valueEnd())));
        }
        return new Extensions(all);
    }

    /** The subject name as the JDK's principal (made from its encoding on first use, see {@link #subjectPrincipal}). */
    X500Principal subjectPrincipal() {
        X500Principal name = subjectPrincipal;
        if (name == null) {
            name = parsedByJdk(certificate) ? null : principal(subjectDer);
            if (name == null) {
                name = certificate.getSubjectX500Principal(); // parsed already, or the JDK's parser decides
            }
            subjectPrincipal = name;
        }
        return name;
    }

    X500Principal issuerPrincipal() {
        X500Principal name = issuerPrincipal;
        if (name == null) {
            name = parsedByJdk(certificate) ? null : principal(issuerDer);
            if (name == null) {
                name = certificate.getIssuerX500Principal();
            }
            issuerPrincipal = name;
        }
        return name;
    }

    /** The JDK's own certificate class, whose getters only hand out what its factory already parsed. */
    private static final Class<?> JDK_CERTIFICATE = jdkCertificateClass();

    private static Class<?> jdkCertificateClass() {
        try {
            return Class.forName("sun.security.x509.X509CertImpl");
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // another JDK: every certificate counts as unparsed, which is only slower
        }
    }

    /** Parsed by the JDK's factory already (the JDK engine's chains): its getters cost nothing more. */
    private static boolean parsedByJdk(X509Certificate certificate) {
        return certificate.getClass() == JDK_CERTIFICATE;
    }

    private static X500Principal principal(byte[] der) {
        try {
            return new X500Principal(der);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The subject key as a JDK key: decoded from the SubjectPublicKeyInfo's bytes on first use, as the JDK's
     * certificate parser does (a key factory of the algorithm its OID names); the JDK's own getter where
     * this cannot decode it, so an undecodable key fails exactly as it always did.
     */
    PublicKey publicKey() {
        PublicKey key = publicKey;
        if (key == null) {
            key = parsedByJdk(certificate) ? null : PublicKeys.decode(fields.keyAlgorithmId(), keyEncoding);
            if (key == null) {
                key = certificate.getPublicKey();
            }
            publicKey = key;
        }
        return key;
    }

    /** The SubjectPublicKeyInfo's bytes: as the certificate carries them where known, else the JDK key's encoding. */
    byte[] keyBytes() {
        return keyEncoding != null ? keyEncoding : publicKey().getEncoded();
    }

    /**
     * What identifies the subject key in {@link #verifiedWith}: its bytes where known (no key decoded for
     * that), else the JDK key. Two forms of one key only miss each other, never match another key.
     */
    Object keyIdentity() {
        Object identity = keyIdentity;
        if (identity == null) {
            identity = keyEncoding != null ? new DecodedCertificateCache.Der(keyEncoding) : publicKey();
            keyIdentity = identity;
        }
        return identity;
    }

    /** The subject has no RDN at all (its encoding is an empty SEQUENCE): told without decoding the name. */
    boolean subjectEmpty() {
        return subjectDer.length == 2;
    }

    /**
     * Same public key ({@link PublicKey#equals}, which compares encodings the JDK rebuilds for every new
     * key object), answered without encoding when the RSA moduli or EC points already differ.
     */
    boolean sameKeyAs(DecodedCertificate other) {
        PublicKey mine = publicKey();
        PublicKey theirs = other.publicKey();
        if (mine == theirs) {
            return true;
        }
        if (mine instanceof RSAPublicKey a
                && theirs instanceof RSAPublicKey b
                && !a.getModulus().equals(b.getModulus())) {
            return false;
        }
        if (mine instanceof ECPublicKey a
                && theirs instanceof ECPublicKey b
                && !a.getW().equals(b.getW())) {
            return false;
        }
        return mine.equals(theirs);
    }

    /**
     * The subject Bouncy Castle makes of these bytes, or an empty name when it refuses them (a tag it does
     * not know, which the JDK keeps as opaque bytes): the certificate is then already refused as not valid
     * DER, and a verdict must still come out rather than an exception.
     */
    private static X500Name subjectOrEmpty(byte[] der) {
        try {
            return X500Name.getInstance(der);
        } catch (RuntimeException e) {
            return new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
        }
    }

    /** The subject as Bouncy Castle's name (decoded on first use: only the name-constraint and profile checks ask). */
    X500Name subject() {
        X500Name name = subject;
        if (name == null) {
            name = subjectOrEmpty(subjectDer);
            subject = name;
        }
        return name;
    }

    /** Subject and issuer are the same name (RFC 5280 6.1: self-issued). */
    boolean selfIssued() {
        byte known = selfIssued;
        if (known == 0) {
            known = CertificateNames.sameName(this::subjectPrincipal, subjectDer, this::issuerPrincipal, issuerDer)
                    ? (byte) 1
                    : 2;
            selfIssued = known;
        }
        return known == 1;
    }

    /** This certificate's subject is the issuer name of {@code subject} (RFC 5280 7.1 name matching). */
    boolean namesIssuerOf(DecodedCertificate subject) {
        return CertificateNames.sameName(
                this::subjectPrincipal, subjectDer, subject::issuerPrincipal, subject.issuerDer);
    }

    boolean sameSubjectAs(DecodedCertificate other) {
        return CertificateNames.sameName(this::subjectPrincipal, subjectDer, other::subjectPrincipal, other.subjectDer);
    }

    /** The subject name's encoding (not a copy: never change it). */
    byte[] subjectEncoding() {
        return subjectDer;
    }

    /** The issuer name's encoding (not a copy: never change it). */
    byte[] issuerEncoding() {
        return issuerDer;
    }

    /** The pathLenConstraint of the basic constraints, null when absent. */
    BigInteger pathLenConstraint() {
        return pathLenConstraint;
    }

    /** DNS SANs as text, in order (decoded once: the hostname, profile and name-constraint checks ask). */
    List<String> dnsNames() {
        List<String> names = dnsNames;
        if (names == null) {
            List<String> found = new ArrayList<>(2);
            if (subjectAltNames != null) {
                for (GeneralName n : subjectAltNames) {
                    if (n.getTagNo() == GeneralName.dNSName) {
                        found.add(NameConstraintsCheck.ia5(n));
                    }
                }
            }
            names = java.util.Collections.unmodifiableList(found); // may hold null: a DNS SAN not IA5
            dnsNames = names;
        }
        return names;
    }

    /** The last hostname verdict about this certificate as a leaf: a reconnect dials the same host again. */
    private record HostMatch(String host, ValidationProfile profile, boolean matches) {}

    private volatile HostMatch lastHostMatch;

    /**
     * {@link HostnameMatcher#matches(DecodedCertificate, String, ValidationProfile)}, answered from the last
     * call when host and profile are the same (a pure function of the bytes, the host and the profile).
     */
    boolean matchesHost(String host, ValidationProfile profile) {
        HostMatch last = lastHostMatch;
        if (last != null && last.profile() == profile && last.host().equals(host)) {
            return last.matches();
        }
        boolean matches = HostnameMatcher.matches(this, host, profile);
        lastHostMatch = new HostMatch(host, profile, matches);
        return matches;
    }

    /** How {@link #ownRules} computes them: (facts, profile, leaf) -> findings. */
    interface OwnRules {
        List<Finding> compute(DecodedCertificate facts, ValidationProfile profile, boolean leaf);
    }

    /**
     * The findings about this certificate alone for a profile and role, computed on first use and kept:
     * they are a pure function of the bytes, so a chain seen again does not repeat the rule checks.
     */
    List<Finding> ownRules(ValidationProfile profile, boolean leaf, OwnRules rules) {
        int slot = profile.ordinal() * 2 + (leaf ? 1 : 0);
        List<Finding> known = ownRules.get(slot);
        if (known == null) {
            known = List.copyOf(rules.compute(this, profile, leaf));
            ownRules.set(slot, known);
        }
        return known;
    }

    /** The remembered result of verifying this certificate with {@code issuerKey}, or null. */
    Boolean verifiedWith(Object issuerKey) {
        Object[] known = verifiedWith;
        for (int i = 0; i < known.length; i += 2) {
            if (known[i] == issuerKey || known[i].equals(issuerKey)) {
                return (Boolean) known[i + 1];
            }
        }
        return null;
    }

    /** Remembers a verification result (a few issuer keys at most: a certificate has few candidate issuers). */
    void rememberVerified(Object issuerKey, boolean verified) {
        Object[] known = verifiedWith;
        if (known.length < 2 * MAX_REMEMBERED_ISSUERS) {
            Object[] more = Arrays.copyOf(known, known.length + 2);
            more[known.length] = issuerKey;
            more[known.length + 1] = verified;
            verifiedWith = more;
        }
    }

    String subjectText() {
        String text = subjectText;
        if (text == null) {
            text = CertificateNames.subject(subjectPrincipal());
            subjectText = text;
        }
        return text;
    }

    List<String> commonNames() {
        List<String> names = commonNames;
        if (names == null) {
            names = List.copyOf(CertificateNames.commonNames(subject()));
            commonNames = names;
        }
        return names;
    }

    /** Valid at {@code millis} (epoch milliseconds), both ends inclusive as RFC 5280 4.1.2.5 says. */
    boolean validAt(long millis) {
        return millis >= notBeforeMillis && millis <= notAfterMillis;
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
            pathLenConstraint = basicConstraints.getPathLenConstraint();
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
        } else if (oid.equals(Extension.policyMappings)) {
            mapsAnyPolicy = mapsAnyPolicy(ASN1Sequence.getInstance(e.getParsedValue()));
        } else if (e.isCritical()) {
            e.getParsedValue(); // an unprocessed critical extension must at least be well-formed DER
        }
    }

    /** PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { issuerDomainPolicy, subjectDomainPolicy }. */
    private static boolean mapsAnyPolicy(ASN1Sequence mappings) {
        if (mappings.size() == 0) {
            throw new IllegalArgumentException("empty policy mappings");
        }
        boolean any = false;
        for (int i = 0; i < mappings.size(); i++) {
            ASN1Sequence pair = ASN1Sequence.getInstance(mappings.getObjectAt(i));
            if (pair.size() != 2) {
                throw new IllegalArgumentException("a policy mapping is not a pair");
            }
            for (int j = 0; j < 2; j++) {
                any |= ASN1ObjectIdentifier.getInstance(pair.getObjectAt(j))
                        .getId()
                        .equals(ANY_POLICY);
            }
        }
        return any;
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
                subjectText() + " has an extension " + oid.getId()
                        + " that does not decode (treated as a failed check, never as absent)"));
    }
}
