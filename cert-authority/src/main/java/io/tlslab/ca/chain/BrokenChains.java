package io.tlslab.ca.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * Post-processing that breaks a good chain the way misconfigured or malicious servers do. Each
 * operation returns new objects and leaves its input untouched.
 */
public final class BrokenChains {
    private BrokenChains() {}

    /**
     * The same certificate with one bit of its signature flipped: the DER still parses and every
     * field reads as before, but the signature no longer verifies against the issuer's key.
     */
    public static X509Certificate tamperSignature(X509Certificate certificate) {
        try {
            Certificate parsed = Certificate.getInstance(certificate.getEncoded());
            byte[] signature = parsed.getSignature().getOctets();
            // Flip a bit in the middle: for RSA the value stays a valid-length integer; for ECDSA
            // the DER-encoded (r, s) pair may no longer parse, which also means "does not verify".
            signature[signature.length / 2] ^= 0x01;
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(parsed.getTBSCertificate());
            v.add(parsed.getSignatureAlgorithm());
            v.add(new DERBitString(signature));
            byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot re-encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The chain without the certificate at {@code index} (0 is the leaf). */
    public static List<X509Certificate> drop(List<X509Certificate> chain, int index) {
        if (index < 0 || index >= chain.size()) {
            throw new IllegalArgumentException("no certificate " + index + " in a chain of " + chain.size());
        }
        List<X509Certificate> result = new ArrayList<>(chain);
        result.remove(index);
        return List.copyOf(result);
    }

    /** Only the leaf: every intermediate dropped (what a server that forgot its chain file sends). */
    public static List<X509Certificate> leafOnly(List<X509Certificate> chain) {
        return List.of(chain.get(0));
    }

    /**
     * Leaf first (TLS requires the sender's certificate first), then the CA certificates in reverse
     * order: root-most first instead of the issuer of the leaf.
     */
    public static List<X509Certificate> reverseIssuers(List<X509Certificate> chain) {
        List<X509Certificate> issuers = new ArrayList<>(chain.subList(1, chain.size()));
        Collections.reverse(issuers);
        List<X509Certificate> result = new ArrayList<>();
        result.add(chain.get(0));
        result.addAll(issuers);
        return List.copyOf(result);
    }

    /** The whole list reversed, leaf last: not a valid TLS Certificate message, for file-level tests. */
    public static List<X509Certificate> reverse(List<X509Certificate> chain) {
        List<X509Certificate> result = new ArrayList<>(chain);
        Collections.reverse(result);
        return List.copyOf(result);
    }
}
