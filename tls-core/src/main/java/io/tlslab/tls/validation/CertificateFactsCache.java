package io.tlslab.tls.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Decoded {@link CertificateFacts} shared by every validation of one validator, keyed by the exact DER
 * bytes: a server reconnecting sends the same bytes (as new JDK objects), and decoding them again with
 * Bouncy Castle would cost more than the whole rest of a repeated validation. Facts are a pure function
 * of the bytes, so a hit can never change a verdict. Bounded (Caffeine); thread-safe.
 */
final class CertificateFactsCache {
    static final int DEFAULT_ENTRIES = 4_096;

    private final Cache<Der, CertificateFacts> cache;

    CertificateFactsCache(int entries) {
        this.cache = entries > 0 ? Caffeine.newBuilder().maximumSize(entries).build() : null;
    }

    CertificateFacts facts(X509Certificate certificate) {
        if (cache == null) {
            return CertificateFacts.of(certificate);
        }
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException | RuntimeException e) {
            return CertificateFacts.of(certificate);
        }
        return cache.get(new Der(der), k -> CertificateFacts.of(certificate));
    }

    /** The bytes as a map key (a record would compare the array by identity). */
    private static final class Der {
        private final byte[] bytes;
        private final int hash;

        Der(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Der other && other.hash == hash && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
