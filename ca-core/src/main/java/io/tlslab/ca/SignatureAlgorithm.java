package io.tlslab.ca;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Locale;

/**
 * Certificate signature algorithms the CA can sign with, deliberately including the deprecated
 * MD5 and SHA-1 with RSA (the JDK refuses to make those; Bouncy Castle does).
 */
public enum SignatureAlgorithm {
    MD5_WITH_RSA("MD5withRSA", "RSA", "1.2.840.113549.1.1.4", true),
    SHA1_WITH_RSA("SHA1withRSA", "RSA", "1.2.840.113549.1.1.5", true),
    SHA256_WITH_RSA("SHA256withRSA", "RSA", "1.2.840.113549.1.1.11", false),
    SHA384_WITH_RSA("SHA384withRSA", "RSA", "1.2.840.113549.1.1.12", false),
    SHA512_WITH_RSA("SHA512withRSA", "RSA", "1.2.840.113549.1.1.13", false),
    SHA256_WITH_ECDSA("SHA256withECDSA", "EC", "1.2.840.10045.4.3.2", false),
    SHA384_WITH_ECDSA("SHA384withECDSA", "EC", "1.2.840.10045.4.3.3", false),
    SHA512_WITH_ECDSA("SHA512withECDSA", "EC", "1.2.840.10045.4.3.4", false),
    ED25519("Ed25519", "Ed25519", "1.3.101.112", false);

    private final String jcaName;
    private final String keyAlgorithm;
    private final String oid;
    private final boolean weak;

    SignatureAlgorithm(String jcaName, String keyAlgorithm, String oid, boolean weak) {
        this.jcaName = jcaName;
        this.keyAlgorithm = keyAlgorithm;
        this.oid = oid;
        this.weak = weak;
    }

    /** The JCA name, e.g. {@code SHA256withRSA}: also what {@code X509Certificate.getSigAlgName()} returns. */
    public String jcaName() {
        return jcaName;
    }

    /** The key algorithm the signer's key must have: {@code RSA}, {@code EC} or {@code Ed25519}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The signature algorithm OID, as in {@code X509Certificate.getSigAlgOID()}. */
    public String oid() {
        return oid;
    }

    /** True for MD5 and SHA-1: what a strict validator reports as WEAK_ALGORITHM. */
    public boolean isWeak() {
        return weak;
    }

    /** The usual choice for a signer key: SHA-256 for RSA and P-256, SHA-384 for P-384, Ed25519 for Ed25519. */
    public static SignatureAlgorithm defaultFor(PublicKey signerKey) {
        String alg = signerKey.getAlgorithm();
        if (alg.equals("RSA")) {
            return SHA256_WITH_RSA;
        }
        if (alg.equals("EC")) {
            return ((ECPublicKey) signerKey).getParams().getOrder().bitLength() > 256
                    ? SHA384_WITH_ECDSA
                    : SHA256_WITH_ECDSA;
        }
        if (alg.equals("Ed25519") || alg.equals("EdDSA")) {
            return ED25519;
        }
        throw new IllegalArgumentException("no signature algorithm for " + alg + " keys");
    }

    /** True if a key of this JCA algorithm can make this signature. */
    public boolean acceptsKey(PublicKey key) {
        String alg = key.getAlgorithm();
        return keyAlgorithm.equals(alg) || (this == ED25519 && alg.equals("EdDSA"));
    }

    /** Parses {@code SHA256withRSA}, {@code sha256-with-rsa}, {@code SHA256_WITH_RSA} alike. */
    public static SignatureAlgorithm parse(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (SignatureAlgorithm a : values()) {
            if (a.jcaName.toUpperCase(Locale.ROOT).equals(wanted)
                    || a.name().replace("_", "").equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm '" + text + "'");
    }

    /** Looks up by OID; null if the CA does not know it. */
    public static SignatureAlgorithm fromOid(String oid) {
        for (SignatureAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return a;
            }
        }
        return null;
    }
}
