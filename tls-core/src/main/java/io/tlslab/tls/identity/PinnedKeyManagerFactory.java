package io.tlslab.tls.identity;

import java.security.KeyStore;
import java.security.Provider;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;

/** Wraps a {@link PinnedKeyManager} as the factory Netty's context builders take, for both engines. */
public final class PinnedKeyManagerFactory extends KeyManagerFactory {
    private static final Provider PROVIDER = new Provider("tlslab-pinned", "1.0", "pinned key manager") {
        private static final long serialVersionUID = 1L;
    };

    public PinnedKeyManagerFactory(PinnedKeyManager km) {
        super(new Spi(km), PROVIDER, "pinned");
    }

    private static final class Spi extends KeyManagerFactorySpi {
        private final KeyManager[] managers;

        Spi(PinnedKeyManager km) {
            this.managers = new KeyManager[] {km};
        }

        @Override
        protected void engineInit(KeyStore ks, char[] password) {
            // already initialised with its single key
        }

        @Override
        protected void engineInit(ManagerFactoryParameters spec) {
            // already initialised with its single key
        }

        @Override
        protected KeyManager[] engineGetKeyManagers() {
            return managers.clone();
        }
    }
}
