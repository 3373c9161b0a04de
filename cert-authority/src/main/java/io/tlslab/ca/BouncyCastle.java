package io.tlslab.ca;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The one Bouncy Castle provider instance the CA signs with. It is used explicitly, never installed
 * with {@code Security.addProvider}, so loading the CA does not change how the rest of the JVM
 * (the TLS engines, the validator under test) resolves algorithms.
 */
public final class BouncyCastle {
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }

    public static Provider provider() {
        return PROVIDER;
    }
}
