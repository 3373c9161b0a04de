package io.tlslab.tls.validation;

import com.github.benmanes.caffeine.cache.Cache;
import io.tlslab.protocol.pem.Pem;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The roots an endpoint trusts, plus intermediates it was configured with (used to complete a chain a
 * server sends incompletely, never trusted on their own). Immutable; indexed by subject once, so path
 * building does no parsing per validation.
 */
public final class TrustAnchors {
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;
    private final Set<X509Certificate> rootSet;
    /** The roots' encodings, for {@link #isRoot} (a served copy of a root is a root too); null if one has none. */
    private final Set<DecodedCertificateCache.Der> rootEncodings;

    private final Map<X500Principal, List<X509Certificate>> rootsBySubject;
    private final Map<X500Principal, List<X509Certificate>> intermediatesBySubject;
    /**
     * The same lists by the subject's exact encoding: identical encodings are equal names, so most lookups
     * find their list without the canonical form of the name ({@link X500Principal#hashCode} builds it, at
     * the cost of a few microseconds for every new certificate); a miss falls back to the canonical index.
     */
    private final Map<DecodedCertificateCache.Der, List<X509Certificate>> rootsBySubjectEncoding;

    private final Map<DecodedCertificateCache.Der, List<X509Certificate>> intermediatesBySubjectEncoding;
    /**
     * Every configured certificate decoded once, here: they take part in every validation, and an
     * endpoint's first handshake should not pay for decoding its own trust store.
     */
    private final Map<X509Certificate, DecodedCertificate> facts;
    /**
     * What the canonical index answered for an issuer encoding that is no configured subject's exact
     * encoding: a leaf's issuer is usually an intermediate's name, missing from both exact indexes, and
     * comparing it canonically builds its RFC 2253 form on every new leaf. The answer is a pure function of
     * the encoding and these (immutable) anchors, and issuers repeat: one CA signs many leaves. Bounded.
     */
    private final Cache<DecodedCertificateCache.Der, List<X509Certificate>> canonicalRoots =
            Memo.bounded(CANONICAL_LOOKUPS).build();

    private final Cache<DecodedCertificateCache.Der, List<X509Certificate>> canonicalIntermediates =
            Memo.bounded(CANONICAL_LOOKUPS).build();

    private static final int CANONICAL_LOOKUPS = 1_024;

    private TrustAnchors(Collection<X509Certificate> roots, Collection<X509Certificate> intermediates) {
        this.roots = List.copyOf(new LinkedHashSet<>(roots));
        this.intermediates = List.copyOf(new LinkedHashSet<>(intermediates));
        this.rootSet = new HashSet<>(this.roots);
        this.rootEncodings = encodings(this.roots);
        this.rootsBySubject = index(this.roots);
        this.intermediatesBySubject = index(this.intermediates);
        Map<X509Certificate, DecodedCertificate> decoded = new IdentityHashMap<>();
        for (X509Certificate c : this.roots) {
            decoded.put(c, DecodedCertificate.of(c));
        }
        for (X509Certificate c : this.intermediates) {
            decoded.put(c, DecodedCertificate.of(c));
        }
        this.facts = Collections.unmodifiableMap(decoded);
        this.rootsBySubjectEncoding = byEncoding(this.roots, rootsBySubject, decoded);
        this.intermediatesBySubjectEncoding = byEncoding(this.intermediates, intermediatesBySubject, decoded);
    }

    private static Map<DecodedCertificateCache.Der, List<X509Certificate>> byEncoding(
            List<X509Certificate> certificates,
            Map<X500Principal, List<X509Certificate>> bySubject,
            Map<X509Certificate, DecodedCertificate> decoded) {
        Map<DecodedCertificateCache.Der, List<X509Certificate>> byEncoding = new HashMap<>();
        for (X509Certificate c : certificates) {
            DecodedCertificate f = decoded.get(c);
            byEncoding.putIfAbsent(
                    new DecodedCertificateCache.Der(f.subjectEncoding()), bySubject.get(f.subjectPrincipal()));
        }
        return Map.copyOf(byEncoding);
    }

    /** Every configured certificate whose subject is the issuer name of {@code subject}, exact index first. */
    private static List<X509Certificate> issuing(
            DecodedCertificate subject,
            Map<DecodedCertificateCache.Der, List<X509Certificate>> byEncoding,
            Map<X500Principal, List<X509Certificate>> bySubject,
            Cache<DecodedCertificateCache.Der, List<X509Certificate>> canonical) {
        if (bySubject.isEmpty()) {
            return List.of();
        }
        DecodedCertificateCache.Der issuer = new DecodedCertificateCache.Der(subject.issuerEncoding());
        List<X509Certificate> exact = byEncoding.get(issuer);
        if (exact != null) {
            return exact;
        }
        return canonical.get(issuer, k -> bySubject.getOrDefault(subject.issuerPrincipal(), List.of()));
    }

    /** The decoded form of this very object if it is a configured root or intermediate, else null. */
    DecodedCertificate facts(X509Certificate certificate) {
        return facts.get(certificate);
    }

    public static TrustAnchors of(Collection<X509Certificate> roots) {
        return new TrustAnchors(roots, List.of());
    }

    public static TrustAnchors of(X509Certificate... roots) {
        return of(Arrays.asList(roots));
    }

    /** Roots read from a PEM bundle. @throws PemFormatException on a missing or malformed file */
    public static TrustAnchors fromPem(Path pemFile) {
        return of(Pem.readCertificates(pemFile));
    }

    /** The JDK's default trust store (cacerts), read once per JVM. */
    public static TrustAnchors jdkDefaults() {
        return JdkDefaults.INSTANCE;
    }

    /** A copy that also knows these intermediates (added to any it already had). */
    public TrustAnchors withIntermediates(Collection<X509Certificate> more) {
        List<X509Certificate> all = new ArrayList<>(intermediates);
        all.addAll(more);
        return new TrustAnchors(roots, all);
    }

    public List<X509Certificate> roots() {
        return roots;
    }

    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    /** True if this exact certificate is a configured root. */
    public boolean isRoot(X509Certificate certificate) {
        for (X509Certificate root : roots) {
            if (root == certificate) {
                return true;
            }
        }
        // by bytes, as X509Certificate.equals compares; its hashCode would hash all of every new certificate
        if (rootEncodings == null) {
            return rootSet.contains(certificate);
        }
        try {
            return rootEncodings.contains(new DecodedCertificateCache.Der(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            return rootSet.contains(certificate);
        }
    }

    /**
     * As {@link #isRoot(X509Certificate)} with the certificate's facts at hand: a certificate whose subject
     * encoding is no root's cannot have a root's bytes, so most certificates are told apart without copying
     * their encoding (path building asks this of every certificate it reaches).
     */
    boolean isRoot(X509Certificate certificate, DecodedCertificate facts) {
        if (rootEncodings != null
                && !rootsBySubjectEncoding.containsKey(new DecodedCertificateCache.Der(facts.subjectEncoding()))) {
            return false;
        }
        return isRoot(certificate);
    }

    /** Configured roots whose subject names {@code subject}'s issuer (RFC 5280 7.1 name matching). */
    List<X509Certificate> rootsIssuing(DecodedCertificate subject) {
        return issuing(subject, rootsBySubjectEncoding, rootsBySubject, canonicalRoots);
    }

    /** Configured intermediates whose subject names {@code subject}'s issuer. */
    List<X509Certificate> intermediatesIssuing(DecodedCertificate subject) {
        return issuing(subject, intermediatesBySubjectEncoding, intermediatesBySubject, canonicalIntermediates);
    }

    private static Set<DecodedCertificateCache.Der> encodings(List<X509Certificate> certificates) {
        Set<DecodedCertificateCache.Der> encodings = new HashSet<>();
        for (X509Certificate c : certificates) {
            try {
                encodings.add(new DecodedCertificateCache.Der(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                return null; // then isRoot compares certificates as they compare themselves
            }
        }
        return Set.copyOf(encodings);
    }

    private static Map<X500Principal, List<X509Certificate>> index(List<X509Certificate> certificates) {
        Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
        for (X509Certificate c : certificates) {
            bySubject
                    .computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>())
                    .add(c);
        }
        bySubject.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(bySubject);
    }

    @Override
    public String toString() {
        return "TrustAnchors[" + roots.size() + " roots, " + intermediates.size() + " intermediates]";
    }

    /** Lazy holder: cacerts is read on first use only. */
    private static final class JdkDefaults {
        static final TrustAnchors INSTANCE = load();

        private static TrustAnchors load() {
            try {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager tm : factory.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x509) {
                        return of(Arrays.asList(x509.getAcceptedIssuers()));
                    }
                }
                throw new IllegalStateException("the JDK's default TrustManagerFactory has no X509TrustManager");
            } catch (NoSuchAlgorithmException | KeyStoreException e) {
                throw new IllegalStateException("cannot read the JDK's default trust store", e);
            }
        }
    }
}
