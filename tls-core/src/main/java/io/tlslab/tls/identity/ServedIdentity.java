package io.tlslab.tls.identity;

import io.tlslab.protocol.settings.Fingerprint;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A key and the chain a listener sends with it, leaf first, exactly in the order given: the lab
 * serves broken chains (reversed, incomplete, expired, MD5...) on purpose, so nothing here checks
 * or reorders them.
 */
public record ServedIdentity(PrivateKey key, List<X509Certificate> chain) {

    public ServedIdentity {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a served identity needs at least the leaf certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public Fingerprint leafSha1() {
        return Fingerprint.sha1(der(leaf()));
    }

    public Fingerprint leafSha256() {
        return Fingerprint.sha256(der(leaf()));
    }

    public static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
