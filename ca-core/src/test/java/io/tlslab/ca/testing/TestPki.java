package io.tlslab.ca.testing;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.ca.KeySpec;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.protocol.pem.Pem;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The one test PKI: root &lt;- intermediate &lt;- leaf for {@code localhost}, EC P-256 keys, minted with
 * cert-authority's {@link HeldCertificate}. Two flavours:
 * <ul>
 *   <li>{@link #atFixedTime()}: every certificate issued at {@link #NOW} on {@link #CLOCK}, for validator
 *       edge cases that pin the time (the leaf names {@code localhost} only, no extended key usage);
 *   <li>{@link #current()}: issued now, for servers and handshakes that run on the real clock (the leaf
 *       also names {@code 127.0.0.1} and is good for server and client authentication), with the files an
 *       admin would upload ({@link #pkcs12()}, {@link #jks()}, {@link #pem()}).
 * </ul>
 */
public final class TestPki {
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** One EC key pair for every test leaf that does not care about its own key. */
    public static final KeyPair LEAF_KEYS = KeySpec.EC_P256.generate();
    /** The password of {@link #pkcs12()} and {@link #jks()}. */
    public static final String PASSWORD = "changeit";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(90);

    public final KeyPair rootKey = KeySpec.EC_P256.generate();
    public final KeyPair intermediateKey = KeySpec.EC_P256.generate();
    public final KeyPair leafKey = KeySpec.EC_P256.generate();

    private final Clock clock;
    public final HeldCertificate root;
    public final HeldCertificate intermediate;
    public final HeldCertificate leaf;

    private TestPki(Clock clock, boolean serverLeaf) {
        this.clock = clock;
        root = ca("Test Root", clock).keyPair(rootKey).build();
        intermediate = ca("Test Intermediate", clock)
                .keyPair(intermediateKey)
                .signedBy(root)
                .build();
        HeldCertificate.Builder leafBuilder = leaf("localhost");
        if (serverLeaf) {
            leafBuilder
                    .subjectAlternativeNames("localhost", "127.0.0.1")
                    .extendedKeyUsage(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH);
        }
        leaf = leafBuilder.build();
    }

    /** Issued at {@link #NOW}: for tests that validate on {@link #CLOCK}. */
    public static TestPki atFixedTime() {
        return new TestPki(CLOCK, false);
    }

    /** Issued now, for a server leaf: for tests that serve it and validate on the real clock. */
    public static TestPki current() {
        return new TestPki(Clock.systemUTC(), true);
    }

    /** A CA certificate builder issued at {@link #NOW}, valid ten years. */
    public static HeldCertificate.Builder ca(String cn) {
        return ca(cn, CLOCK);
    }

    private static HeldCertificate.Builder ca(String cn, Clock clock) {
        return HeldCertificate.builder()
                .clock(clock)
                .commonName(cn)
                .certificateAuthority()
                .duration(CA_VALIDITY);
    }

    /** A leaf for {@code host} (CN and DNS/IP SAN) with {@link #leafKey}, issued by {@link #intermediate}. */
    public HeldCertificate.Builder leaf(String host) {
        return HeldCertificate.builder()
                .clock(clock)
                .commonName(host)
                .subjectAlternativeNames(host)
                .keyPair(leafKey)
                .signedBy(intermediate)
                .duration(LEAF_VALIDITY);
    }

    /** Served chain: {@code leafCert} and the intermediate. */
    public List<X509Certificate> served(HeldCertificate leafCert) {
        return List.of(leafCert.certificate(), intermediate.certificate());
    }

    /** The whole chain of {@link #leaf}, root included. */
    public List<X509Certificate> chain() {
        return List.of(leaf.certificate(), intermediate.certificate(), root.certificate());
    }

    public byte[] pkcs12() {
        return KeyStores.toBytes(
                KeyStores.keyStore(KeyStores.Type.PKCS12, leaf, chain(), PASSWORD.toCharArray()),
                PASSWORD.toCharArray());
    }

    public byte[] jks() {
        return KeyStores.toBytes(
                KeyStores.keyStore(KeyStores.Type.JKS, leaf, chain(), PASSWORD.toCharArray()), PASSWORD.toCharArray());
    }

    /** Key and chain in one PEM, chain deliberately out of order (root first) as bundles often are. */
    public byte[] pem() {
        return (Pem.privateKey(leaf.privateKey())
                        + Pem.certificate(root.certificate())
                        + Pem.certificate(leaf.certificate())
                        + Pem.certificate(intermediate.certificate()))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
