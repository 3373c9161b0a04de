package io.tlslab.ca;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Extended key usage purposes (RFC 5280 §4.2.1.12) relevant to TLS. */
public enum KeyPurpose {
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth);

    private final KeyPurposeId id;

    KeyPurpose(KeyPurposeId id) {
        this.id = id;
    }

    /** The OID, as listed by {@code X509Certificate.getExtendedKeyUsage()}. */
    public String oid() {
        return id.getId();
    }

    KeyPurposeId bcId() {
        return id;
    }
}
