package io.tlslab.client.endpoint;

import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.protocol.wire.ProductVersion;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.retry.RetryPolicy;
import io.tlslab.tls.validation.CrlFiles;
import io.tlslab.tls.validation.TrustAnchors;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Endpoint configuration from a properties file, the environment and command-line flags, in that
 * order of increasing precedence, on top of defaults that work against a local server.
 *
 * <pre>
 * key            environment            default
 * server.host    TLSLAB_SERVER_HOST     127.0.0.1
 * server.port    TLSLAB_SERVER_PORT     4287
 * dial.host      TLSLAB_DIAL_HOST       (server.host)
 * trust          TLSLAB_TRUST           (the JDK's cacerts)   PEM file of trusted roots
 * engine         TLSLAB_ENGINE          openssl if it loads, else jdk
 * version        TLSLAB_VERSION         6.0
 * guid           TLSLAB_GUID            (generated once, persisted in data.dir)
 * data.dir       TLSLAB_DATA_DIR        ~/.tlslab/endpoint
 * retry          TLSLAB_RETRY           exponential:1s:300s   (or fixed:30s)
 * groups         TLSLAB_GROUPS          (engine default)      e.g. X25519
 * profile        TLSLAB_PROFILE         article               or webpki (CA/Browser Forum rules)
 * crl            TLSLAB_CRL             (no revocation check) CRL file (PEM/DER) or directory of them
 * </pre>
 */
public final class EndpointProperties {

    public static final String SERVER_HOST = "server.host";
    public static final String SERVER_PORT = "server.port";
    public static final String DIAL_HOST = "dial.host";
    public static final String TRUST = "trust";
    public static final String ENGINE = "engine";
    public static final String VERSION = "version";
    public static final String GUID = "guid";
    public static final String DATA_DIR = "data.dir";
    public static final String RETRY = "retry";
    public static final String GROUPS = "groups";
    public static final String PROFILE = "profile";
    public static final String CRL = "crl";

    public static final List<String> KEYS = List.of(
            SERVER_HOST, SERVER_PORT, DIAL_HOST, TRUST, ENGINE, VERSION, GUID, DATA_DIR, RETRY, GROUPS, PROFILE, CRL);

    private final Map<String, String> values;

    private EndpointProperties(Map<String, String> values) {
        this.values = values;
    }

    /** The environment variable for a key: {@code data.dir} -> {@code TLSLAB_DATA_DIR}. */
    public static String environmentName(String key) {
        return "TLSLAB_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public static Path defaultDataDir() {
        return Paths.get(System.getProperty("user.home"), ".tlslab", "endpoint");
    }

    /**
     * Merges the sources; later ones win. Unknown keys in the file are an error (a typo would
     * otherwise silently fall back to a default).
     *
     * @param file        a properties file, or null
     * @param environment the process environment (only {@code TLSLAB_*} variables are read)
     * @param flags       values given on the command line, by key; null values are ignored
     * @throws IllegalArgumentException one line naming the file or key at fault
     */
    public static EndpointProperties resolve(Path file, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            merged.putAll(readFile(file));
        }
        for (String key : KEYS) {
            String env = environment.get(environmentName(key));
            if (env != null && !env.isBlank()) {
                merged.put(key, env.trim());
            }
        }
        flags.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new EndpointProperties(merged);
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(
                        "config file " + file + ": unknown key '" + name + "', expected one of " + KEYS);
            }
            values.put(name, props.getProperty(name).trim());
        }
        return values;
    }

    /** The merged value of a key, or null. */
    public String get(String key) {
        return values.get(key);
    }

    public Path dataDir() {
        String dir = values.get(DATA_DIR);
        return dir == null ? defaultDataDir() : Paths.get(dir);
    }

    /**
     * A builder with every property applied; the caller may still adjust it.
     *
     * @throws IllegalArgumentException one line naming the key whose value is wrong
     */
    public EndpointConfig.Builder toBuilder() {
        EndpointConfig.Builder b = EndpointConfig.builder();
        String host = values.getOrDefault(SERVER_HOST, EndpointConfig.DEFAULT_HOST);
        int port = EndpointConfig.DEFAULT_PORT;
        if (values.containsKey(SERVER_PORT)) {
            port = parse(SERVER_PORT, text -> {
                int p = Integer.parseInt(text.trim());
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("port must be 1-65535, got " + p);
                }
                return p;
            });
        }
        int finalPort = port;
        apply(SERVER_HOST, () -> b.server(host, finalPort));
        if (values.containsKey(DIAL_HOST)) {
            apply(DIAL_HOST, () -> b.dialHost(values.get(DIAL_HOST)));
        }
        if (values.containsKey(TRUST)) {
            apply(TRUST, () -> b.trustAnchors(TrustAnchors.fromPem(Paths.get(values.get(TRUST)))));
        }
        if (values.containsKey(ENGINE)) {
            TlsEngine engine = parse(ENGINE, TlsEngine::parse);
            if (!engine.isAvailable()) {
                throw new IllegalArgumentException(ENGINE + ": " + engine.unavailabilityReason());
            }
            b.engine(engine);
        }
        if (values.containsKey(VERSION)) {
            b.version(parse(VERSION, ProductVersion::parse));
        }
        if (values.containsKey(GUID)) {
            apply(GUID, () -> b.guid(values.get(GUID)));
        }
        if (values.containsKey(PROFILE)) {
            b.profile(parse(PROFILE, ValidationProfile::parse));
        }
        if (values.containsKey(CRL)) {
            apply(CRL, () -> b.crls(CrlFiles.read(Paths.get(values.get(CRL)))));
        }
        if (values.containsKey(RETRY)) {
            b.retryPolicy(parse(RETRY, RetryPolicy::parse));
        }
        if (values.containsKey(GROUPS)) {
            b.keyExchangeGroups(Arrays.stream(values.get(GROUPS).split(","))
                    .map(String::trim)
                    .filter(g -> !g.isEmpty())
                    .toArray(String[]::new));
        }
        b.dataDir(dataDir());
        return b;
    }

    private <T> T parse(String key, java.util.function.Function<String, T> parser) {
        String value = values.get(key);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": "
                    + (e instanceof NumberFormatException ? "'" + value + "' is not a number" : e.getMessage()));
        }
    }

    private static void apply(String key, Runnable setter) {
        try {
            setter.run();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
