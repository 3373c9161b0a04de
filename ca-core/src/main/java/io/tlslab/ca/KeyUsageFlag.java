package io.tlslab.ca;

/** Bits of the X.509 key usage extension the CA sets (RFC 5280 §4.2.1.3). */
public enum KeyUsageFlag {
    DIGITAL_SIGNATURE(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature),
    KEY_ENCIPHERMENT(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment),
    KEY_AGREEMENT(org.bouncycastle.asn1.x509.KeyUsage.keyAgreement),
    KEY_CERT_SIGN(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign),
    CRL_SIGN(org.bouncycastle.asn1.x509.KeyUsage.cRLSign);

    private final int bit;

    KeyUsageFlag(int bit) {
        this.bit = bit;
    }

    int bcBit() {
        return bit;
    }
}
