package io.tlslab.server.support;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.protocol.pem.Pem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/** A small CA (root -> intermediate -> leaf for localhost) and the files an admin would upload. */
public final class TestPki {
    public static final String PASSWORD = "changeit";

    public final HeldCertificate root;
    public final HeldCertificate intermediate;
    public final HeldCertificate leaf;

    public TestPki() {
        root = HeldCertificate.builder()
                .commonName("tlslab test root")
                .certificateAuthority(1)
                .build();
        intermediate = HeldCertificate.builder()
                .commonName("tlslab test intermediate")
                .certificateAuthority(0)
                .signedBy(root)
                .build();
        leaf = HeldCertificate.builder()
                .commonName("localhost")
                .subjectAlternativeNames("localhost", "127.0.0.1")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)
                .signedBy(intermediate)
                .build();
    }

    public List<X509Certificate> chain() {
        return List.of(leaf.certificate(), intermediate.certificate(), root.certificate());
    }

    public byte[] pkcs12() {
        return KeyStores.toBytes(
                KeyStores.keyStore(KeyStores.Type.PKCS12, leaf, chain(), PASSWORD.toCharArray()),
                PASSWORD.toCharArray());
    }

    public byte[] jks() {
        return KeyStores.toBytes(
                KeyStores.keyStore(KeyStores.Type.JKS, leaf, chain(), PASSWORD.toCharArray()), PASSWORD.toCharArray());
    }

    /** Key and chain in one PEM, chain deliberately out of order (root first) as bundles often are. */
    public byte[] pem() {
        return (Pem.privateKey(leaf.privateKey())
                        + Pem.certificate(root.certificate())
                        + Pem.certificate(leaf.certificate())
                        + Pem.certificate(intermediate.certificate()))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
