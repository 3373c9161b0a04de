package io.tlslab.ca;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance the CA falls back to when the JDK lacks an algorithm. It
 * is created on first use (it costs about half a second of CPU to load) and used explicitly, never installed
 * with {@code Security.addProvider}, so loading the CA does not change how the rest of the JVM
 * (the TLS engines, the validator under test) resolves algorithms.
 */
public final class BouncyCastle {
    private BouncyCastle() {}

    public static Provider provider() {
        return Holder.PROVIDER;
    }

    /** Lazy holder: the provider is built when {@link #provider()} is first called. */
    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
