package io.tlslab.tls.validation;

import com.github.benmanes.caffeine.cache.Cache;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Decoded {@link DecodedCertificate} shared by every validation of one validator, keyed by the exact DER
 * bytes: a server reconnecting sends the same bytes (as new JDK objects), and decoding them again with
 * Bouncy Castle would cost more than the whole rest of a repeated validation. Facts are a pure function
 * of the bytes, so a hit can never change a verdict. Bounded (Caffeine); thread-safe.
 */
final class DecodedCertificateCache {
    static final int DEFAULT_ENTRIES = 4_096;

    private final Cache<Der, DecodedCertificate> cache;
    /**
     * The same facts by certificate object (weak keys compare by identity): the JDK's certificate factory
     * hands back its cached object for bytes it has seen, so a reconnect usually brings the very same
     * objects, found here without copying and comparing their bytes.
     */
    private final Cache<X509Certificate, DecodedCertificate> byObject;

    DecodedCertificateCache(int entries) {
        this.cache = entries > 0 ? Memo.bounded(entries).build() : null;
        this.byObject = entries > 0 ? Memo.bounded(entries).weakKeys().build() : null;
    }

    DecodedCertificate facts(X509Certificate certificate) {
        if (cache == null) {
            return DecodedCertificate.of(certificate);
        }
        DecodedCertificate known = byObject.getIfPresent(certificate);
        if (known != null) {
            return known;
        }
        known = byBytes(certificate);
        byObject.put(certificate, known);
        return known;
    }

    private DecodedCertificate byBytes(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException | RuntimeException e) {
            return DecodedCertificate.of(certificate);
        }
        return cache.get(new Der(der), k -> DecodedCertificate.of(certificate));
    }

    /**
     * A hash of a DER certificate's length and last 32 bytes: they lie inside its signature value, which
     * already tells certificates apart, so a lookup does not hash ~1.5 KB (equality still compares every
     * byte). Crafted collisions cost no more than with a hash of every byte, which is as easy to collide.
     */
    static int tailHash(byte[] der) {
        int h = der.length;
        for (int i = Math.max(0, der.length - 32); i < der.length; i++) {
            h = 31 * h + der[i];
        }
        return h;
    }

    /** The bytes as a map key (a record would compare the array by identity). */
    static final class Der {
        private final byte[] bytes;
        private final int hash;

        /** @param bytes kept, not copied: never change them afterwards */
        Der(byte[] bytes) {
            this.bytes = bytes;
            this.hash = tailHash(bytes);
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
