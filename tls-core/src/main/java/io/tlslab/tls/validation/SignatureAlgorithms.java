package io.tlslab.tls.validation;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** Which digest a certificate's signature uses, decided from the algorithm OID (not from a name string). */
final class SignatureAlgorithms {
    enum Digest {
        MD2,
        MD5,
        SHA1,
        OTHER
    }

    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String SHA1_DIGEST = "1.3.14.3.2.26";

    private SignatureAlgorithms() {}

    static Digest digestOf(X509Certificate certificate) {
        String oid = certificate.getSigAlgOID();
        switch (oid) {
            case "1.2.840.113549.1.1.2": // md2WithRSAEncryption
                return Digest.MD2;
            case "1.2.840.113549.1.1.4": // md5WithRSAEncryption
                return Digest.MD5;
            case "1.2.840.113549.1.1.5": // sha1WithRSAEncryption
            case "1.3.14.3.2.29": // sha1WithRSA (OIW)
            case "1.2.840.10040.4.3": // dsaWithSHA1
            case "1.2.840.10045.4.1": // ecdsaWithSHA1
                return Digest.SHA1;
            case RSASSA_PSS:
                return pssDigest(certificate.getSigAlgParams());
            default:
                return Digest.OTHER;
        }
    }

    /** RSASSA-PSS names its hash in the parameters; absent parameters mean SHA-1 (RFC 4055). */
    private static Digest pssDigest(byte[] params) {
        if (params == null) {
            return Digest.SHA1;
        }
        try {
            RSASSAPSSparams pss = RSASSAPSSparams.getInstance(ASN1Sequence.getInstance(params));
            AlgorithmIdentifier hash = pss.getHashAlgorithm();
            return SHA1_DIGEST.equals(hash.getAlgorithm().getId()) ? Digest.SHA1 : Digest.OTHER;
        } catch (RuntimeException e) {
            return Digest.OTHER;
        }
    }
}
