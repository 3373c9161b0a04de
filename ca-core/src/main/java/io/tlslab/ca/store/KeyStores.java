package io.tlslab.ca.store;

import io.tlslab.ca.HeldCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PKCS#12 and JKS key stores (private key + chain) and trust stores (trusted-certificate entries
 * only), readable with the JDK {@link KeyStore} API and {@code keytool}.
 */
public final class KeyStores {
    /** The password every store is written with: throwaway material, so the JDK's well-known default. */
    public static final String DEFAULT_PASSWORD = "changeit";

    public static final String KEY_ALIAS = "server";

    /** Store formats the CA writes. */
    public enum Type {
        PKCS12("PKCS12", "p12"),
        JKS("JKS", "jks");

        private final String jcaName;
        private final String extension;

        Type(String jcaName, String extension) {
            this.jcaName = jcaName;
            this.extension = extension;
        }

        public String jcaName() {
            return jcaName;
        }

        public String extension() {
            return extension;
        }
    }

    private KeyStores() {}

    /**
     * A store with one private-key entry ({@link #KEY_ALIAS}) holding the leaf's key and a chain.
     * The JDK requires a key entry's chain to run issuer by issuer from the leaf, so a chain in any
     * other order (REVERSED_CHAIN) is stored in issuer order: see {@link #issuerOrder}.
     */
    public static KeyStore keyStore(Type type, HeldCertificate leaf, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance(type.jcaName());
            ks.load(null, null);
            ks.setKeyEntry(
                    KEY_ALIAS, leaf.privateKey(), password, issuerOrder(chain).toArray(Certificate[]::new));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build " + type + " key store: " + e.getMessage(), e);
        }
    }

    /** A store of trusted-certificate entries {@code ca-1}, {@code ca-2}, ... for the given anchors. */
    public static KeyStore trustStore(Type type, List<X509Certificate> anchors) {
        try {
            KeyStore ks = KeyStore.getInstance(type.jcaName());
            ks.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                ks.setCertificateEntry("ca-" + (i + 1), anchors.get(i));
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build " + type + " trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The file bytes of a key store with one private-key entry ({@link #KEY_ALIAS}); the chain is put
     * in issuer order as in {@link #keyStore}. PKCS#12 is encoded by {@link Pkcs12Encoder}.
     */
    public static byte[] encodeKeyStore(Type type, HeldCertificate leaf, List<X509Certificate> chain, char[] password) {
        if (type == Type.PKCS12) {
            return Pkcs12Encoder.keyStore(KEY_ALIAS, leaf.privateKey(), issuerOrder(chain), password);
        }
        return toBytes(keyStore(type, leaf, chain, password), password);
    }

    /** The file bytes of a trust store, as {@link #trustStore}. */
    public static byte[] encodeTrustStore(Type type, List<X509Certificate> anchors, char[] password) {
        if (type == Type.PKCS12) {
            return Pkcs12Encoder.trustStore(anchors, password);
        }
        return toBytes(trustStore(type, anchors), password);
    }

    public static byte[] toBytes(KeyStore ks, char[] password) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ks.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot serialize key store: " + e.getMessage(), e);
        }
    }

    /**
     * The chain reordered so each certificate is followed by its issuer (matched by name), starting
     * at the leaf; certificates that do not continue the path are appended in their original order.
     */
    public static List<X509Certificate> issuerOrder(List<X509Certificate> chain) {
        List<X509Certificate> remaining = new ArrayList<>(chain.subList(1, chain.size()));
        List<X509Certificate> ordered = new ArrayList<>();
        X509Certificate current = chain.get(0);
        ordered.add(current);
        while (!remaining.isEmpty()) {
            X509Certificate c = current;
            X509Certificate next = remaining.stream()
                    .filter(r -> r.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                    .findFirst()
                    .orElse(null);
            if (next == null || c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                break;
            }
            ordered.add(next);
            remaining.remove(next);
            current = next;
        }
        ordered.addAll(remaining);
        return List.copyOf(ordered);
    }
}
