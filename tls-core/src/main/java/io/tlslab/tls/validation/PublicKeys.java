package io.tlslab.tls.validation;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.Map;

/**
 * A SubjectPublicKeyInfo decoded into a JDK key, as the JDK's certificate parser decodes it (the key factory
 * of the algorithm the key's OID names), without parsing the rest of the certificate.
 */
final class PublicKeys {
    /** A KeyFactory is not documented thread-safe: one per thread and algorithm saves the provider lookup. */
    private static final ThreadLocal<Map<String, KeyFactory>> FACTORIES = ThreadLocal.withInitial(HashMap::new);

    private PublicKeys() {}

    /** The JDK key, or null for an algorithm not listed or bytes its factory refuses (the JDK's parser then decides). */
    static PublicKey decode(String algorithmOid, byte[] subjectPublicKeyInfo) {
        String algorithm = algorithm(algorithmOid);
        if (algorithm == null || subjectPublicKeyInfo == null) {
            return null;
        }
        try {
            return factory(algorithm).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The JCA key algorithm of a key OID (the ones TLS servers use), null for any other. */
    static String algorithm(String oid) {
        return switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            default -> null;
        };
    }

    private static KeyFactory factory(String algorithm) throws GeneralSecurityException {
        Map<String, KeyFactory> factories = FACTORIES.get();
        KeyFactory factory = factories.get(algorithm);
        if (factory == null) {
            factory = KeyFactory.getInstance(algorithm);
            factories.put(algorithm, factory);
        }
        return factory;
    }
}
