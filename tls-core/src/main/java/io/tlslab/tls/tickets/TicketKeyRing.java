package io.tlslab.tls.tickets;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * The TLS 1.3 session-ticket keys of one server listener, applied to each OpenSSL server context it
 * builds: the current key encrypts new tickets, the current and the previous decrypt.
 * {@link #rotate()} makes a fresh key current; the owner schedules it every {@link #rotation()}, so a
 * ticket stays usable for one to two intervals.
 *
 * <p>Why tickets stay on: an endpoint whose connection drops (a network blip) comes back with a
 * resumed handshake, which spares the server its signature and the endpoint its chain validation, and
 * the endpoint still judges the certificate of the session it resumes. Keys live only in memory, so a
 * restart (which is how a new certificate takes effect) invalidates every ticket and each endpoint
 * validates the new certificate in full. There is no off switch: the BoringSSL that Netty ships issues
 * TLS 1.3 tickets whatever {@code SSL_OP_NO_TICKET} says, and its ticket count cannot be set to zero
 * through tcnative 2.0.84 (both tried). The JDK engine keeps the JDK's own ticket keys.
 */
public final class TicketKeyRing {
    public static final Duration DEFAULT_ROTATION = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration rotation;
    private OpenSslSessionTicketKey current = newKey();
    private OpenSslSessionTicketKey previous;
    private SslContext context;

    public TicketKeyRing(Duration rotation) {
        Objects.requireNonNull(rotation, "rotation");
        if (rotation.compareTo(Duration.ofSeconds(1)) < 0 || rotation.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("ticket key rotation must be 1 s to 7 days, got " + rotation);
        }
        this.rotation = rotation;
    }

    public Duration rotation() {
        return rotation;
    }

    /** Gives the listener's current context the ring's keys (a no-op for the JDK engine). */
    public synchronized void apply(SslContext serverContext) {
        context = serverContext;
        install();
    }

    /** A fresh key encrypts from now on; the one it replaces still decrypts for one more interval. */
    public synchronized void rotate() {
        previous = current;
        current = newKey();
        install();
    }

    private void install() {
        if (context != null && context.sessionContext() instanceof OpenSslSessionContext openSsl) {
            if (previous == null) {
                openSsl.setTicketKeys(current);
            } else {
                openSsl.setTicketKeys(current, previous);
            }
        }
    }

    private static OpenSslSessionTicketKey newKey() {
        byte[] name = new byte[OpenSslSessionTicketKey.NAME_SIZE];
        byte[] hmac = new byte[OpenSslSessionTicketKey.HMAC_KEY_SIZE];
        byte[] aes = new byte[OpenSslSessionTicketKey.AES_KEY_SIZE];
        RANDOM.nextBytes(name);
        RANDOM.nextBytes(hmac);
        RANDOM.nextBytes(aes);
        return new OpenSslSessionTicketKey(name, hmac, aes);
    }
}
