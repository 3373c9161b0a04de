package io.tlslab.fleet.load;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.tlslab.tls.ObservedClientContext;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.validation.ValidationPolicy;
import io.tlslab.tls.validation.VerdictListener;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import picocli.CommandLine;

/**
 * How simulated endpoints judge the server's certificate. {@link #OFF} exists to measure servers with
 * the client doing only the TLS work; its figures are labelled so they are never read as validated ones.
 */
public enum ValidationMode {
    /** tlslab's validator decides every handshake (what a real endpoint does). */
    STRICT("strict (tlslab validator on every handshake)"),
    /** The validator runs and records its verdict but never rejects. */
    AUDIT("audit (tlslab validator runs on every handshake, never rejects)"),
    /** No certificate check at all. */
    OFF("OFF: no certificate validation (server-measuring mode; not comparable with validated runs)");

    private final String description;

    ValidationMode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Appended to report titles, so an unvalidated run cannot be mistaken for a validated one. */
    public String titleSuffix() {
        return this == OFF ? " [VALIDATION OFF]" : "";
    }

    /** The client context simulated endpoints share, judging certificates this way. */
    public ObservedClientContext clientContext(TlsEngine engine, TlsOptions options, Collection<X509Certificate> roots)
            throws SSLException {
        if (this == OFF) {
            X509ExtendedTrustManager acceptAll = (X509ExtendedTrustManager)
                    InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0];
            return ObservedClientContext.of(engine, acceptAll, options);
        }
        ValidationPolicy policy = this == STRICT ? ValidationPolicy.strict() : ValidationPolicy.nonStrict();
        return EndpointTrust.validating(engine, options, roots, () -> policy, VerdictListener.NONE);
    }

    public static ValidationMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("validation must be strict, audit or off, got '" + text + "'");
        }
    }

    /** picocli: {@code --validate strict|audit|off}. */
    public static final class Converter implements CommandLine.ITypeConverter<ValidationMode> {
        @Override
        public ValidationMode convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
