package io.tlslab.tls.validation;

import java.security.Provider;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conscrypt (BoringSSL) as a private signature provider: made once per JVM where its native library
 * loads, never inserted into the JVM's provider list (that would change every other library's
 * choices). Where it does not load (another OS or CPU, a stripped image) tlslab uses the JDK's
 * providers with the same verdicts. {@code -Dtlslab.validation.nativeSignatures=false} turns it off.
 */
final class NativeProvider {
    static final String SWITCH = "tlslab.validation.nativeSignatures";
    private static final Logger LOG = LoggerFactory.getLogger(NativeProvider.class);

    private NativeProvider() {}

    /** The provider, or null when it is off or does not load here. */
    static Provider get() {
        return Holder.PROVIDER;
    }

    private static final class Holder {
        static final Provider PROVIDER = load();

        private static Provider load() {
            if ("false".equalsIgnoreCase(System.getProperty(SWITCH))) {
                return null;
            }
            try {
                if (Conscrypt.isAvailable()) {
                    return Conscrypt.newProvider();
                }
                LOG.info("Conscrypt's native library is not available here; certificate signatures use the JDK");
            } catch (LinkageError | RuntimeException e) {
                LOG.info("Conscrypt does not load here ({}); certificate signatures use the JDK", e.toString());
            }
            return null;
        }
    }
}
