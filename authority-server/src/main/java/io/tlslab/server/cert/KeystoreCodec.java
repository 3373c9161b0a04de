package io.tlslab.server.cert;

import io.tlslab.tls.identity.ServedIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** PKCS#12 in and out: how identities are kept in the database and handed out as backups. */
public final class KeystoreCodec {
    static final String ALIAS = "tlslab";

    private KeystoreCodec() {}

    public static byte[] toPkcs12(ServedIdentity identity, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, identity.key(), password, identity.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encode the keystore as PKCS#12: " + e.getMessage(), e);
        }
    }

    public static ServedIdentity fromPkcs12(byte[] pkcs12, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(pkcs12), password);
            PrivateKey key = (PrivateKey) ks.getKey(ALIAS, password);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : ks.getCertificateChain(ALIAS)) {
                chain.add((X509Certificate) c);
            }
            return new ServedIdentity(key, chain);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IllegalStateException("the keystore stored in the database cannot be read: " + e.getMessage(), e);
        }
    }
}
