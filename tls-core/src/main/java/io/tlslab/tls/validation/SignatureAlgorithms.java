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
        return digestOf(certificate.getSigAlgOID(), certificate.getSigAlgParams());
    }

    /** @param params the AlgorithmIdentifier's parameters TLV, null when absent */
    static Digest digestOf(String oid, byte[] params) {
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
                return pssDigest(params);
            default:
                return Digest.OTHER;
        }
    }

    /**
     * The JCA name of a signature algorithm that takes no parameters (parameters absent, or NULL for RSA as
     * RFC 4055 writes them), for a {@link java.security.Signature}; null for any other algorithm (RSASSA-PSS,
     * anything unlisted), which the certificate's own verify then handles.
     */
    static String parameterlessName(String oid, byte[] params) {
        boolean none = params == null;
        boolean nullOrNone = none || (params.length == 2 && params[0] == 0x05 && params[1] == 0);
        return switch (oid) {
            case "1.2.840.113549.1.1.11" -> nullOrNone ? "SHA256withRSA" : null;
            case "1.2.840.113549.1.1.12" -> nullOrNone ? "SHA384withRSA" : null;
            case "1.2.840.113549.1.1.13" -> nullOrNone ? "SHA512withRSA" : null;
            case "1.2.840.10045.4.3.2" -> none ? "SHA256withECDSA" : null;
            case "1.2.840.10045.4.3.3" -> none ? "SHA384withECDSA" : null;
            case "1.2.840.10045.4.3.4" -> none ? "SHA512withECDSA" : null;
            default -> null;
        };
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
