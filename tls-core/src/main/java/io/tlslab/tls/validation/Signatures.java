package io.tlslab.tls.validation;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Verifies one certificate signature. The JDK's providers are tried first (the JDK caches the result on
 * the certificate object); Bouncy Castle covers algorithms a JDK build may lack (MD2, MD5), so weak
 * algorithms are reported as WEAK_ALGORITHM by tlslab instead of surfacing as a provider error.
 */
final class Signatures {
    /** Not registered globally: tlslab must not change the JVM's provider list for everyone else. */
    private static final Provider BC = new BouncyCastleProvider();

    private Signatures() {
    }

    static boolean verifies(X509Certificate certificate, PublicKey issuerKey) {
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

    private static boolean verifiesWithBouncyCastle(X509Certificate certificate, PublicKey issuerKey) {
        try {
            certificate.verify(issuerKey, BC);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
