package io.tlslab.tls.cli;

import io.tlslab.cli.Converters;
import io.tlslab.cli.EnvironmentDefault;
import io.tlslab.tls.TlsEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code --engine}, the picocli mixin of every command that runs TLS with one engine ({@code @Mixin
 * EngineOption engine;}). It lives here rather than in cli-kit because cli-kit sits below tls-core
 * (tlslab-ca uses it and tls-core's tests use tlslab-ca's CA).
 */
public final class EngineOption {
    /** The variable that sets the default engine of every command with this option. */
    public static final String VARIABLE = "TLSLAB_ENGINE";

    @EnvironmentDefault(VARIABLE)
    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "auto",
            converter = EngineConverter.class,
            description = "TLS engine: openssl, jdk or auto (OpenSSL where it loads, else the JDK's)"
                    + " (default ${DEFAULT-VALUE}; the environment variable " + VARIABLE + " sets another)")
    TlsEngine engine;

    /** The engine chosen ({@code auto} already resolved). */
    public TlsEngine engine() {
        return engine;
    }

    /** {@link TlsEngine#parse}: its message names the accepted values. */
    public static final class EngineConverter implements ITypeConverter<TlsEngine> {
        @Override
        public TlsEngine convert(String value) throws Exception {
            return Converters.of(TlsEngine::parse).convert(value);
        }
    }
}
