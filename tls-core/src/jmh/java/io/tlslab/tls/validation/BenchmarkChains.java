package io.tlslab.tls.validation;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeySpec;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import io.netty.handler.ssl.util.LazyX509Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The chains both contenders validate, and the two contenders: tlslab's {@link CertificateValidator} and
 * the JDK's PKIX {@link CertPathValidator} (revocation off) plus a plain DNS-SAN hostname check.
 *
 * <p>{@code count} distinct chains (leaf + intermediate served, one trusted root) are made so that the
 * "cold" mode can parse a different chain every time: more certificates than the JDK's certificate
 * factory caches (750), so neither contender gets a cached parse or a cached signature result, as for
 * an endpoint's first handshake; tlslab's validator runs there with its signature memo off, so it cannot
 * remember the 1,600 certificates it cycles through either. "Repeated" parses the same chain's bytes
 * through the certificate factory every time, as a reconnect to the same server does: the JDK's factory
 * then hands back its cached objects with their cached signature results, and tlslab answers from its
 * memo (the production configuration).
 */
final class BenchmarkChains {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final String HOST = "localhost";
    /** Distinct chains for "cold": 1,600 certificates, more than the JDK factory's 750-entry cache. */
    static final int COLD_CHAINS = 800;

    enum Kind {
        VALID_RSA(KeySpec.RSA_2048, false, HOST),
        VALID_EC(KeySpec.EC_P256, false, HOST),
        /** Rejected early by the JDK (it checks validity before the signature); tlslab checks everything. */
        EXPIRED_RSA(KeySpec.RSA_2048, true, HOST),
        EXPIRED_EC(KeySpec.EC_P256, true, HOST),
        /** Rejected late by both: a good path, then the dialled host is not in the SANs. */
        WRONG_HOST_RSA(KeySpec.RSA_2048, false, "wrong-host.example");

        final KeySpec keys;
        final boolean expiredLeaf;
        final String dialHost;

        Kind(KeySpec keys, boolean expiredLeaf, String dialHost) {
            this.keys = keys;
            this.expiredLeaf = expiredLeaf;
            this.dialHost = dialHost;
        }

        boolean valid() {
            return !expiredLeaf && dialHost.equals(HOST);
        }
    }

    final Kind kind;
    private final List<byte[][]> ders = new ArrayList<>();
    private final CertificateFactory factory;
    /** First-handshake configuration: native signatures, no memo (see the class comment). */
    private final CertificateValidator coldValidator;
    /** Production configuration: native signatures and the memo. */
    private final CertificateValidator validator;
    private final CertPathValidator pkix;
    private final PKIXParameters pkixParameters;
    private int next;

    BenchmarkChains(Kind kind, int count) throws Exception {
        this.kind = kind;
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        KeyPair intermediateKey = kind.keys.generate();
        KeyPair leafKey = kind.keys.generate();
        HeldCertificate root = HeldCertificate.builder().clock(clock).commonName("Bench Root").keySpec(kind.keys)
                .certificateAuthority().duration(Duration.ofDays(3650)).build();
        for (int i = 0; i < count; i++) {
            HeldCertificate intermediate = HeldCertificate.builder().clock(clock).commonName("Bench Intermediate")
                    .keyPair(intermediateKey).certificateAuthority(0).signedBy(root).duration(Duration.ofDays(1000))
                    .serialNumber(BigInteger.valueOf(1_000_000 + i)).build();
            HeldCertificate.Builder leaf = HeldCertificate.builder().clock(clock).commonName(HOST)
                    .subjectAlternativeNames(HOST, "www." + HOST).keyPair(leafKey).signedBy(intermediate)
                    .serialNumber(BigInteger.valueOf(2_000_000 + i));
            if (kind.expiredLeaf) {
                leaf.validityInterval(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)));
            }
            ders.add(new byte[][] {leaf.build().der(), intermediate.der()});
        }
        factory = CertificateFactory.getInstance("X.509");
        TrustAnchors anchors = TrustAnchors.of(root.certificate());
        coldValidator = new CertificateValidator(anchors, new Signatures(NativeProvider.get(), 0));
        validator = new CertificateValidator(anchors);
        pkix = CertPathValidator.getInstance("PKIX");
        pkixParameters = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
        pkixParameters.setRevocationEnabled(false);
        pkixParameters.setDate(Date.from(NOW));
        boolean expected = kind.valid();
        if (tlslab(repeated(), false) != expected || jdk(repeated()) != expected || tlslab(cold(), true) != expected
                || jdk(cold()) != expected || tlslab(coldUnparsed(), true) != expected
                || jdk(coldUnparsed()) != expected) {
            throw new IllegalStateException(kind + ": both contenders must " + (expected ? "accept" : "reject"));
        }
    }

    /** The next distinct chain, freshly parsed (what a handshake on the JDK engine hands to the trust manager). */
    List<X509Certificate> cold() throws Exception {
        return parse(nextDistinct());
    }

    /** The first chain's bytes, parsed again (the factory's cache answers, as in a reconnect's handshake). */
    List<X509Certificate> repeated() throws Exception {
        return parse(ders.get(0));
    }

    /**
     * The next distinct chain as the OpenSSL engine hands it to a trust manager: Netty's
     * {@link LazyX509Certificate}s over the bytes, which the JDK parses on the first getter other than
     * {@code getEncoded()} (so whoever asks pays the parse inside the timed validation).
     */
    List<X509Certificate> coldUnparsed() {
        return unparsed(nextDistinct());
    }

    /** The first chain's bytes, unparsed (a reconnect on the OpenSSL engine). */
    List<X509Certificate> repeatedUnparsed() {
        return unparsed(ders.get(0));
    }

    private byte[][] nextDistinct() {
        byte[][] der = ders.get(next);
        next = (next + 1) % ders.size();
        return der;
    }

    private static List<X509Certificate> unparsed(byte[][] der) {
        List<X509Certificate> chain = new ArrayList<>(der.length);
        for (byte[] d : der) {
            chain.add(new LazyX509Certificate(d));
        }
        return chain;
    }

    private List<X509Certificate> parse(byte[][] der) throws Exception {
        List<X509Certificate> chain = new ArrayList<>(der.length);
        for (byte[] d : der) {
            chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(d)));
        }
        return chain;
    }

    boolean tlslab(List<X509Certificate> chain, boolean cold) {
        return (cold ? coldValidator : validator).validate(chain, kind.dialHost, NOW, ValidationPolicy.strict()).accepted();
    }

    boolean jdk(List<X509Certificate> chain) throws Exception {
        try {
            pkix.validate(factory.generateCertPath(chain), pkixParameters);
        } catch (CertPathValidatorException e) {
            return false;
        }
        return sanMatches(chain.get(0), kind.dialHost);
    }

    /** The simplest correct DNS-SAN check (exact, or a one-label wildcard), standing in for a HostnameVerifier. */
    static boolean sanMatches(X509Certificate leaf, String host) throws CertificateParsingException {
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        if (sans == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int dot = h.indexOf('.');
        for (List<?> san : sans) {
            if (((Integer) san.get(0)) == 2) {
                String name = ((String) san.get(1)).toLowerCase(Locale.ROOT);
                if (name.equals(h) || (name.startsWith("*.") && dot > 0 && h.substring(dot + 1).equals(name.substring(2)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
