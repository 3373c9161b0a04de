package io.tlslab.tls.identity;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that always offers the one configured key and chain. The JDK's own key managers
 * rank or skip certificates they judge weak or expired; a lab that must serve MD5-signed, expired
 * or wrongly named certificates cannot let them. The only filter is the key type, because an RSA
 * key cannot sign an ECDSA handshake whatever we want.
 */
public final class PinnedKeyManager extends X509ExtendedKeyManager {
    static final String ALIAS = "served";

    private final ServedIdentity identity;
    private final X509Certificate[] chain;
    private final String keyAlgorithm;

    public PinnedKeyManager(ServedIdentity identity) {
        this.identity = identity;
        this.chain = identity.chain().toArray(new X509Certificate[0]);
        this.keyAlgorithm = identity.key().getAlgorithm();
    }

    /**
     * JDK key types are {@code RSA}, {@code RSASSA-PSS}, {@code EC}; Netty's OpenSSL engine passes
     * {@code RSA}, {@code EC}, {@code EC_RSA}, {@code EC_EC}, {@code DH_RSA}.
     */
    private boolean fits(String keyType) {
        if (keyType == null) {
            return true;
        }
        if (keyAlgorithm.equals("RSA")) {
            return keyType.equals("RSA") || keyType.equals("RSASSA-PSS") || keyType.endsWith("_RSA");
        }
        if (keyAlgorithm.equals("EC")) {
            return keyType.equals("EC") || keyType.equals("EC_EC");
        }
        return keyType.equalsIgnoreCase(keyAlgorithm);
    }

    private String aliasFor(String[] keyTypes) {
        if (keyTypes == null) {
            return ALIAS;
        }
        for (String t : keyTypes) {
            if (fits(t)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? identity.key() : null;
    }
}
