package io.tlslab.client.endpoint;

import io.tlslab.client.settings.FileSettingsStore;
import io.tlslab.client.settings.InMemorySettingsStore;
import io.tlslab.client.settings.SettingsStore;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.protocol.wire.Role;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.retry.RetryPolicy;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Everything one endpoint needs, immutable. Build with {@link #builder()}; every field has a default
 * that works against a local server ({@code 127.0.0.1:4287}).
 */
public final class EndpointConfig {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4287;
    public static final ProductVersion DEFAULT_VERSION = new ProductVersion(6, 0);

    private final String serverHost;
    private final int serverPort;
    private final String dialHost;
    private final CertificateValidator validator;
    private final TlsEngine engine;
    private final TlsOptions tls;
    private final ProductVersion version;
    private final Role role;
    private final String guid;
    private final SettingsStore settingsStore;
    private final String registrationKey;
    private final RetryPolicy retryPolicy;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final Clock validationClock;
    private final Supplier<RandomGenerator> jitter;
    private final ValidationProfile profile;
    private final List<X509CRL> crls;

    private EndpointConfig(Builder b) {
        this.serverHost = b.serverHost;
        this.serverPort = b.serverPort;
        this.dialHost = b.dialHost == null ? b.serverHost : b.dialHost;
        this.registrationKey = b.registrationKey;
        this.validator = b.validator != null
                ? b.validator
                : new CertificateValidator(b.trustAnchors != null ? b.trustAnchors : TrustAnchors.jdkDefaults());
        this.engine = b.engine != null ? b.engine : TlsEngine.preferred();
        this.tls = b.tls;
        this.version = b.version;
        this.role = b.role;
        this.guid = b.guid;
        this.settingsStore = b.settingsStore != null ? b.settingsStore : new InMemorySettingsStore();
        this.retryPolicy = b.retryPolicy;
        this.pingInterval = b.pingInterval;
        this.idleTimeout = b.idleTimeout;
        this.connectTimeout = b.connectTimeout;
        this.validationClock = b.validationClock;
        this.jitter = b.jitter;
        this.profile = b.profile;
        this.crls = b.crls;
        if (!idleTimeout.isNegative() && !idleTimeout.isZero() && idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " must exceed the ping interval "
                    + pingInterval + ", or every quiet connection would be dropped");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where TCP connects. */
    public String serverHost() {
        return serverHost;
    }

    public int serverPort() {
        return serverPort;
    }

    /** The name the certificate is validated against (and sent as SNI); defaults to {@link #serverHost()}. */
    public String dialHost() {
        return dialHost;
    }

    public CertificateValidator validator() {
        return validator;
    }

    public TlsEngine engine() {
        return engine;
    }

    public TlsOptions tls() {
        return tls;
    }

    public ProductVersion version() {
        return version;
    }

    /** The role announced in HELLO: ENDPOINT, or AUTHORITY/STORAGE for a server's outbound 4288 link. */
    public Role role() {
        return role;
    }

    /** A fixed GUID, or null to use the store's (generated once and persisted). */
    public String guid() {
        return guid;
    }

    /** The organization registration key presented on first contact (device identity), or null. */
    public String registrationKey() {
        return registrationKey;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    /** Close a connection that received nothing this long; zero disables. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The clock certificate validity is judged by. */
    public Clock validationClock() {
        return validationClock;
    }

    /** The validation rule set this endpoint applies (article by default). */
    public ValidationProfile profile() {
        return profile;
    }

    /** Operator-supplied CRLs; empty (the default) means no revocation check. */
    public List<X509CRL> crls() {
        return crls;
    }

    /** A fresh random source for one endpoint's retry jitter. */
    RandomGenerator newJitterSource() {
        return jitter.get();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.serverHost = serverHost;
        b.serverPort = serverPort;
        b.dialHost = dialHost.equals(serverHost) ? null : dialHost;
        b.validator = validator;
        b.engine = engine;
        b.tls = tls;
        b.version = version;
        b.role = role;
        b.guid = guid;
        b.settingsStore = settingsStore;
        b.registrationKey = registrationKey;
        b.retryPolicy = retryPolicy;
        b.pingInterval = pingInterval;
        b.idleTimeout = idleTimeout;
        b.connectTimeout = connectTimeout;
        b.validationClock = validationClock;
        b.jitter = jitter;
        b.profile = profile;
        b.crls = crls;
        return b;
    }

    @Override
    public String toString() {
        return "EndpointConfig[server=" + serverHost + ":" + serverPort + ", dialHost=" + dialHost + ", engine="
                + engine + ", version=" + version + ", retry=" + retryPolicy + ", store=" + settingsStore + "]";
    }

    public static final class Builder {
        private String serverHost = DEFAULT_HOST;
        private int serverPort = DEFAULT_PORT;
        private String dialHost;
        private CertificateValidator validator;
        private TrustAnchors trustAnchors;
        private TlsEngine engine;
        private TlsOptions tls = TlsOptions.defaults();
        private ProductVersion version = DEFAULT_VERSION;
        private Role role = Role.ENDPOINT;
        private String guid;
        private SettingsStore settingsStore;
        private String registrationKey;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration pingInterval = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(90);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Clock validationClock = Clock.systemUTC();
        private Supplier<RandomGenerator> jitter = SplittableRandom::new;
        private ValidationProfile profile = ValidationProfile.ARTICLE;
        private List<X509CRL> crls = List.of();

        private Builder() {}

        /** The validation rule set: {@code article} (default) or {@code webpki}. */
        public Builder profile(ValidationProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** CRLs to check every path certificate against; empty turns revocation checking off. */
        public Builder crls(List<X509CRL> crls) {
            this.crls = List.copyOf(crls);
            return this;
        }

        public Builder server(String host, int port) {
            this.serverHost = requireText(host, "server host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("server port must be 1-65535, got " + port);
            }
            this.serverPort = port;
            return this;
        }

        /** Validate against this name instead of the server host (e.g. TCP to 127.0.0.1, certificate for {@code node1.localhost}). */
        public Builder dialHost(String dialHost) {
            this.dialHost = dialHost == null ? null : requireText(dialHost, "dial host");
            return this;
        }

        /** The roots to trust; defaults to the JDK's cacerts. Ignored when {@link #validator} is set. */
        public Builder trustAnchors(TrustAnchors anchors) {
            this.trustAnchors = Objects.requireNonNull(anchors, "anchors");
            return this;
        }

        /** Shares one validator (and its parsed anchors) among many endpoints. */
        public Builder validator(CertificateValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        public Builder engine(TlsEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Key-exchange groups to offer, e.g. {@code X25519}; none means the engine's default. */
        public Builder keyExchangeGroups(String... groups) {
            this.tls = tls.withGroups(List.of(groups));
            return this;
        }

        public Builder version(ProductVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder version(String version) {
            return version(ProductVersion.parse(version));
        }

        /** Announce another role in HELLO (a server's outbound link to a peer server uses AUTHORITY). */
        public Builder role(Role role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        public Builder guid(String guid) {
            this.guid = guid == null ? null : requireText(guid, "GUID");
            return this;
        }

        /** Defaults to an in-memory store: settings and GUID then last as long as the process. */
        /** The organization registration key: the endpoint registers with it and keeps the credential it gets. */
        public Builder registrationKey(String key) {
            this.registrationKey = key == null || key.isEmpty() ? null : key;
            return this;
        }

        public Builder settingsStore(SettingsStore store) {
            this.settingsStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Persist GUID and settings in {@code dataDir/endpoint.properties}. */
        public Builder dataDir(Path dataDir) {
            return settingsStore(new FileSettingsStore(dataDir));
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Ping after {@code pingInterval} without sending; drop after {@code idleTimeout} without receiving (zero: never). */
        public Builder keepAlive(Duration pingInterval, Duration idleTimeout) {
            if (pingInterval.isNegative() || pingInterval.isZero()) {
                throw new IllegalArgumentException("ping interval must be positive, got " + pingInterval);
            }
            this.pingInterval = pingInterval;
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder validationClock(Clock clock) {
            this.validationClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where retry jitter comes from; one generator is created per endpoint. */
        public Builder jitter(Supplier<RandomGenerator> jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        public EndpointConfig build() {
            return new EndpointConfig(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value.trim();
        }
    }
}
