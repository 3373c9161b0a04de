package io.tlslab.tls.validation;

import com.github.benmanes.caffeine.cache.Cache;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place a certificate signature is verified. Three layers, none of which can change a verdict:
 * <ol>
 * <li>a bounded memo of results keyed by (issuer public key, certificate bytes): verification is a pure
 *     function of those two, so a chain seen again (the same server on every reconnect) costs a lookup;</li>
 * <li>the native provider (BoringSSL through Conscrypt, ~20x the JDK 17 provider on ECDSA), asked per call
 *     and never registered JVM-wide, used only where it loads and supports the algorithm and key;</li>
 * <li>the JDK's providers, then Bouncy Castle for algorithms a JDK build lacks (MD2, MD5), so weak algorithms
 *     are reported as WEAK_ALGORITHM by tlslab instead of surfacing as a provider error.</li>
 * </ol>
 * A "does not verify" from the native provider is confirmed by the JDK before it counts, so the native
 * provider can make a verdict faster but never different (it is stricter on some encodings). Thread-safe:
 * one instance is shared by every validation of a {@link CertificateValidator}.
 */
final class Signatures {
    /** Enough for every chain a busy endpoint or a large fleet JVM sees; each entry ~2 KB. */
    static final int DEFAULT_MEMO_ENTRIES = 4_096;

    /** Not registered globally: tlslab must not change the JVM's provider list for everyone else. */
    private static final Provider BC = new BouncyCastleProvider();

    private final Provider nativeProvider;
    private final Cache<SignedBy, Boolean> memo;
    /** A Signature is not thread-safe but is reusable: one per thread and algorithm saves the provider lookup. */
    private final ThreadLocal<Map<String, Signature>> threadSignatures = ThreadLocal.withInitial(HashMap::new);
    /** Likewise the native provider's key factories (one issuer key translated per new issuer key). */
    private final ThreadLocal<Map<String, KeyFactory>> threadKeyFactories = ThreadLocal.withInitial(HashMap::new);
    /**
     * Issuer keys in the native provider's form by their SubjectPublicKeyInfo bytes. Not a memo of results:
     * a translation, the same for every certificate that issuer signs, so a new certificate from a known
     * CA (a new server's chain, a renewed leaf) verifies without the provider parsing the key again and,
     * for RSA, setting up its Montgomery form (~8 µs of a ~20 µs RSA-2048 verify). Kept whether or not
     * results are memoized. Bounded; each entry holds one native key.
     */
    private final Cache<DecodedCertificateCache.Der, PublicKey> nativeKeys;

    static final int NATIVE_KEY_ENTRIES = 1_024;

    /**
     * @param nativeProvider the fast provider to try first, or null for the JDK (and BC) only
     * @param memoEntries    bound of the memo; 0 turns it off
     */
    Signatures(Provider nativeProvider, int memoEntries) {
        this.nativeProvider = nativeProvider;
        this.memo = memoEntries > 0 ? Memo.bounded(memoEntries).build() : null;
        this.nativeKeys =
                nativeProvider != null ? Memo.bounded(NATIVE_KEY_ENTRIES).build() : null;
    }

    /** The native provider where it loads, the default memo. */
    static Signatures create() {
        return new Signatures(NativeProvider.get(), DEFAULT_MEMO_ENTRIES);
    }

    /** The provider this instance tries first ("Conscrypt"), or "JDK" when none loaded. */
    String providerName() {
        return nativeProvider == null ? "JDK" : nativeProvider.getName();
    }

    boolean verifies(X509Certificate certificate, PublicKey issuerKey) {
        return memoized(certificate, issuerKey, () -> verify(certificate, null, issuerKey, null));
    }

    /**
     * As {@link #verifies(X509Certificate, PublicKey)} with both certificates' facts: the issuer's keep its
     * native key, the subject's remember results (when this instance memoizes at all) and, where its own
     * bytes were read, give the signed bytes and the signature without the JDK parsing the certificate.
     */
    boolean verifies(X509Certificate certificate, DecodedCertificate subject, DecodedCertificate issuer) {
        if (memo == null) {
            return verify(certificate, subject, null, issuer);
        }
        Object key = issuer.keyIdentity();
        Boolean known = subject.verifiedWith(key);
        if (known == null) {
            known = memoized(certificate, issuer.keyBytes(), () -> verify(certificate, subject, null, issuer));
            subject.rememberVerified(key, known);
        }
        return known;
    }

    private boolean memoized(X509Certificate certificate, PublicKey issuerKey, BooleanSupplier verification) {
        return memo == null ? verification.getAsBoolean() : memoized(certificate, issuerKey.getEncoded(), verification);
    }

    private boolean memoized(X509Certificate certificate, byte[] issuerKey, BooleanSupplier verification) {
        SignedBy key;
        try {
            key = SignedBy.of(certificate, issuerKey);
        } catch (CertificateEncodingException | RuntimeException e) {
            key = null;
        }
        if (key == null) {
            return verification.getAsBoolean(); // no stable bytes to key on: verify, do not remember
        }
        Boolean known = memo.getIfPresent(key);
        if (known != null) {
            return known;
        }
        boolean verified = verification.getAsBoolean();
        memo.put(key, verified);
        return verified;
    }

    /**
     * @param subject   the certificate's facts, or null (then the JDK's getters give the signed bytes)
     * @param issuerKey the issuer's key, or null to take it from {@code issuer}'s facts when needed
     * @param issuer    the issuer's facts, or null (then {@code issuerKey} is given)
     */
    private boolean verify(
            X509Certificate certificate, DecodedCertificate subject, PublicKey issuerKey, DecodedCertificate issuer) {
        if (nativeProvider != null) {
            try {
                if (verifiesNatively(certificate, subject, issuerKey, issuer)) {
                    return true;
                }
            } catch (SignatureException e) {
                // fall through: the JDK confirms (or overturns) a native "does not verify"
            } catch (NoSuchAlgorithmException | InvalidKeyException | RuntimeException e) {
                // algorithm, parameters or key type the native provider does not handle: the JDK decides
            } catch (GeneralSecurityException e) {
                // any other refusal by the native provider is not a verdict either
            }
        }
        return verifiesWithJdk(certificate, issuerKey != null ? issuerKey : issuer.publicKey());
    }

    /**
     * The native provider's verdict. Algorithms without parameters (every ECDSA and PKCS#1 RSA signature)
     * go through one {@link Signature} per thread and algorithm and the issuer's key translated once into
     * the provider's own form, over the bytes {@link CertificateFields} found where there are facts; anything
     * else (RSASSA-PSS, no facts) through {@link X509Certificate#verify}, which sets the parameters up.
     */
    private boolean verifiesNatively(
            X509Certificate certificate, DecodedCertificate subject, PublicKey issuerKey, DecodedCertificate issuer)
            throws GeneralSecurityException {
        CertificateFields signed = subject == null ? null : subject.fields;
        String algorithm = null;
        byte[] signatureValue = null;
        if (issuer != null && signed != null) {
            algorithm = subject.signatureAlgorithm;
            signatureValue = algorithm == null ? null : signed.signatureValue();
        } else if (issuer != null && certificate.getSigAlgParams() == null) {
            algorithm = certificate.getSigAlgName();
            signatureValue = certificate.getSignature();
        }
        if (algorithm == null || signatureValue == null) {
            certificate.verify(issuerKey != null ? issuerKey : issuer.publicKey(), nativeProvider);
            return true;
        }
        Signature signature = threadSignatures.get().get(algorithm);
        if (signature == null) {
            signature = Signature.getInstance(algorithm, nativeProvider);
            threadSignatures.get().put(algorithm, signature);
        }
        signature.initVerify(nativeKey(issuer));
        if (signed != null) {
            signature.update(signed.der, signed.tbsStart, signed.tbsEnd - signed.tbsStart);
        } else {
            signature.update(certificate.getTBSCertificate());
        }
        return signature.verify(signatureValue);
    }

    /**
     * The issuer key in the native provider's form: kept in its facts, else found by its encoding, else
     * translated (from the encoding, as the provider does per call with a foreign key: translateKey would
     * rebuild an EC group from explicit curve parameters, several times slower).
     */
    private PublicKey nativeKey(DecodedCertificate issuer) {
        PublicKey key = issuer.nativeKey;
        if (key == null) {
            byte[] encoding = issuer.keyBytes();
            key = encoding == null
                    ? issuer.publicKey()
                    : nativeKeys.get(new DecodedCertificateCache.Der(encoding), k -> translate(issuer, encoding));
            issuer.nativeKey = key;
        }
        return key;
    }

    /** The provider's own key, or the JDK's (the provider then translates it per call, or refuses it: the JDK decides). */
    private PublicKey translate(DecodedCertificate issuer, byte[] encoding) {
        try {
            String algorithm = issuer.fields != null ? PublicKeys.algorithm(issuer.fields.keyAlgorithmId()) : null;
            return keyFactory(algorithm != null ? algorithm : issuer.publicKey().getAlgorithm())
                    .generatePublic(new X509EncodedKeySpec(encoding));
        } catch (GeneralSecurityException | RuntimeException e) {
            return issuer.publicKey();
        }
    }

    private KeyFactory keyFactory(String algorithm) throws NoSuchAlgorithmException {
        Map<String, KeyFactory> factories = threadKeyFactories.get();
        KeyFactory factory = factories.get(algorithm);
        if (factory == null) {
            factory = KeyFactory.getInstance(algorithm, nativeProvider);
            factories.put(algorithm, factory);
        }
        return factory;
    }

    private static boolean verifiesWithJdk(X509Certificate certificate, PublicKey issuerKey) {
        try {
            certificate.verify(issuerKey);
            return true;
        } catch (NoSuchAlgorithmException e) {
            return verifiesWithBouncyCastle(certificate, issuerKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            // wrong key type, tampered bytes, malformed signature encoding: all mean "does not verify"
            return false;
        }
    }

    /**
     * A CRL's signature (revocation is optional and rare, so no memo and no native provider: the JDK,
     * then Bouncy Castle for algorithms a JDK build lacks).
     */
    static boolean verifies(X509CRL crl, PublicKey issuerKey) {
        try {
            crl.verify(issuerKey);
            return true;
        } catch (NoSuchAlgorithmException e) {
            try {
                crl.verify(issuerKey, BC);
                return true;
            } catch (GeneralSecurityException | RuntimeException again) {
                return false;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean verifiesWithBouncyCastle(X509Certificate certificate, PublicKey issuerKey) {
        try {
            certificate.verify(issuerKey, BC);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Memo key: the exact bytes verification depends on (the signature and its algorithm are inside the
     * certificate bytes). Equality compares all of them; the hash covers only the tails of the certificate
     * (its signature value) and of the key, which already tell them apart, so a lookup hashes ~64 bytes.
     */
    private static final class SignedBy {
        private final byte[] issuerKey;
        private final byte[] certificate;
        private final int hash;

        private SignedBy(byte[] issuerKey, byte[] certificate, int hash) {
            this.issuerKey = issuerKey;
            this.certificate = certificate;
            this.hash = hash;
        }

        static SignedBy of(X509Certificate certificate, byte[] key) throws CertificateEncodingException {
            byte[] der = certificate.getEncoded();
            if (key == null || der == null) {
                return null;
            }
            return new SignedBy(
                    key, der, 31 * DecodedCertificateCache.tailHash(der) + DecodedCertificateCache.tailHash(key));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SignedBy other
                    && other.hash == hash
                    && Arrays.equals(other.certificate, certificate)
                    && Arrays.equals(other.issuerKey, issuerKey);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
