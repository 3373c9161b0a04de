package io.tlslab.server.messaging;

import io.tlslab.tls.TlsEngine;

/** The whole 4287 suite again on the JDK's SSLEngine (the parent runs OpenSSL where it loads). */
class EndpointListenerJdkEngineTest extends EndpointListenerTest {
    @Override
    TlsEngine engine() {
        return TlsEngine.JDK;
    }
}
