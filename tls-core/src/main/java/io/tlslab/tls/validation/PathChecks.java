package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The per-certificate checks of SPEC §5 on a built path: validity, algorithms, keys, basic constraints,
 * key usage. Each failure becomes one {@link Finding}; nothing here throws for a bad certificate.
 */
final class PathChecks {
    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 256;
    static final int MIN_DSA_BITS = 2048;

    private static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String EKU_ANY = "2.5.29.37.0";
    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_KEY_ENCIPHERMENT = 2;
    private static final int KU_KEY_CERT_SIGN = 5;

    private PathChecks() {
    }

    /**
     * @param belowAnchor number of certificates at the start of the path that are below the anchor (the
     *                    anchor itself, or an untrusted path's terminal root, is exempt from algorithm checks)
     */
    static void check(List<X509Certificate> path, int belowAnchor, Instant at, boolean rejectSha1,
                      List<Finding> findings) {
        Date now = Date.from(at);
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            validity(c, i, now, findings);
            if (i < belowAnchor) {
                algorithm(c, i, rejectSha1, findings);
            }
            key(c, i, findings);
            if (i > 0) {
                issuerConstraints(path, i, findings);
            }
        }
        leafUsage(path.get(0), findings);
    }

    private static void validity(X509Certificate c, int i, Date now, List<Finding> findings) {
        if (now.before(c.getNotBefore())) {
            findings.add(new Finding(ReasonCode.NOT_YET_VALID, CertificateNames.subject(c) + " is not valid before "
                    + c.getNotBefore().toInstant(), i));
        }
        if (now.after(c.getNotAfter())) {
            findings.add(new Finding(ReasonCode.EXPIRED, CertificateNames.subject(c) + " expired at "
                    + c.getNotAfter().toInstant(), i));
        }
    }

    private static void algorithm(X509Certificate c, int i, boolean rejectSha1, List<Finding> findings) {
        SignatureAlgorithms.Digest digest = SignatureAlgorithms.digestOf(c);
        if (digest == SignatureAlgorithms.Digest.MD2 || digest == SignatureAlgorithms.Digest.MD5
                || (rejectSha1 && digest == SignatureAlgorithms.Digest.SHA1)) {
            findings.add(new Finding(ReasonCode.WEAK_ALGORITHM, CertificateNames.subject(c) + " is signed with "
                    + c.getSigAlgName() + " (" + digest + ")", i));
        }
    }

    private static void key(X509Certificate c, int i, List<Finding> findings) {
        PublicKey key = c.getPublicKey();
        int bits;
        int minimum;
        if (key instanceof RSAKey rsa) {
            bits = rsa.getModulus().bitLength();
            minimum = MIN_RSA_BITS;
        } else if (key instanceof ECKey ec) {
            bits = ec.getParams().getOrder().bitLength();
            minimum = MIN_EC_BITS;
        } else if (key instanceof DSAKey dsa) {
            bits = dsa.getParams().getP().bitLength();
            minimum = MIN_DSA_BITS;
        } else {
            return; // EdDSA and other fixed-strength keys have no weak sizes
        }
        if (bits < minimum) {
            findings.add(new Finding(ReasonCode.WEAK_KEY, CertificateNames.subject(c) + " has a " + bits + "-bit "
                    + key.getAlgorithm() + " key (minimum " + minimum + ")", i));
        }
    }

    /** Checks on path[i] as the issuer of path[i-1]. */
    private static void issuerConstraints(List<X509Certificate> path, int i, List<Finding> findings) {
        X509Certificate issuer = path.get(i);
        int pathLen = issuer.getBasicConstraints();
        // a v1 certificate has no extensions at all; tolerated only as the trust anchor (RFC 5280 6.1)
        boolean v1Anchor = issuer.getVersion() < 3 && i == path.size() - 1;
        if (pathLen < 0 && !v1Anchor) {
            findings.add(new Finding(ReasonCode.NOT_CA, CertificateNames.subject(issuer)
                    + " issued a certificate but is not a CA (no cA basic constraint)", i));
        }
        if (pathLen >= 0) {
            int intermediatesBelow = 0;
            for (int j = 1; j < i; j++) {
                if (!CertificateNames.isSelfIssued(path.get(j))) {
                    intermediatesBelow++;
                }
            }
            if (intermediatesBelow > pathLen) {
                findings.add(new Finding(ReasonCode.PATH_TOO_LONG, CertificateNames.subject(issuer)
                        + " allows " + pathLen + " intermediate(s) below it, the path has " + intermediatesBelow, i));
            }
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && !bit(usage, KU_KEY_CERT_SIGN)) {
            findings.add(new Finding(ReasonCode.BAD_KEY_USAGE, CertificateNames.subject(issuer)
                    + " issued a certificate but its key usage lacks keyCertSign", i));
        }
    }

    private static void leafUsage(X509Certificate leaf, List<Finding> findings) {
        boolean[] usage = leaf.getKeyUsage();
        // keyEncipherment alone is legitimate for an RSA key used in TLS 1.2 RSA key exchange
        if (usage != null && !bit(usage, KU_DIGITAL_SIGNATURE)
                && !(leaf.getPublicKey() instanceof RSAKey && bit(usage, KU_KEY_ENCIPHERMENT))) {
            findings.add(new Finding(ReasonCode.BAD_KEY_USAGE, CertificateNames.subject(leaf)
                    + " has a key usage without digitalSignature", 0));
        }
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            findings.add(new Finding(ReasonCode.BAD_KEY_USAGE, CertificateNames.subject(leaf)
                    + " has an unparseable extended key usage", 0));
            return;
        }
        if (eku != null && !eku.contains(EKU_SERVER_AUTH) && !eku.contains(EKU_ANY)) {
            findings.add(new Finding(ReasonCode.BAD_KEY_USAGE, CertificateNames.subject(leaf)
                    + " is not for TLS servers (extended key usage " + eku + " lacks serverAuth)", 0));
        }
    }

    private static boolean bit(boolean[] bits, int index) {
        return index < bits.length && bits[index];
    }
}
