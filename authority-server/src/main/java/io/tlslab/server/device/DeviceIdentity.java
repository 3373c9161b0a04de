package io.tlslab.server.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tlslab.server.store.DeviceCredentialRepository.Identity;
import io.tlslab.server.store.Store;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proves an endpoint is the device it claims (issue 10): on first contact it presents the
 * organization registration key ({@code reg:<key>}) and receives a per-device credential; from then
 * on its GUID answers only to {@code dev:<credential>}, so another client can neither take the GUID
 * over nor overwrite its audit. Endpoints that predate device identity (5.x: no credential at all)
 * still connect, listed as unregistered; a GUID that holds a credential never accepts them.
 * New devices (registered or not) are capped per client address and minute.
 *
 * <p>Per HELLO the work is a map lookup and, for {@code dev:}, one SHA-256; only a registration
 * writes to the store, off the event loop.
 */
public final class DeviceIdentity {
    public static final String REGISTRATION_PREFIX = "reg:";
    public static final String DEVICE_PREFIX = "dev:";
    private static final int MAX_CREDENTIAL_CHARS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What to do with a HELLO. */
    public sealed interface Decision {
        /** Accept; {@code registered} tells whether the device proved its credential. */
        record Admit(boolean registered) implements Decision {}

        /** Accept and issue a credential (first contact with a valid registration key). */
        record Register() implements Decision {}

        /** Refuse, with a one-line reason for the peer and the log. */
        record Refuse(String reason) implements Decision {}
    }

    private final Store store;
    private final byte[] registrationKey;
    private final int maxNewPerAddressPerMinute;
    private final Executor storeWriter;
    private final Map<String, Identity> identities = new ConcurrentHashMap<>();
    private final Cache<InetAddress, AtomicInteger> newDevicesByAddress = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();

    /**
     * @param registrationKey null or empty: open registration (the first client to register a GUID owns it)
     * @param storeWriter     where registrations are written (never an event loop)
     */
    public DeviceIdentity(Store store, String registrationKey, int maxNewPerAddressPerMinute, Executor storeWriter) {
        this.store = store;
        this.registrationKey = registrationKey == null ? new byte[0] : registrationKey.getBytes(StandardCharsets.UTF_8);
        this.maxNewPerAddressPerMinute = maxNewPerAddressPerMinute;
        this.storeWriter = storeWriter;
        identities.putAll(store.tx(store.deviceCredentials()::all));
    }

    /**
     * @param known        whether the server already has a record of this GUID
     * @param predatesIdentity the peer's version predates device identity (5.x): it may connect unregistered
     */
    public Decision check(String guid, String credential, InetAddress from, boolean known, boolean predatesIdentity) {
        if (credential.length() > MAX_CREDENTIAL_CHARS) {
            return new Decision.Refuse("credential longer than " + MAX_CREDENTIAL_CHARS + " characters");
        }
        Identity id = identities.get(guid);
        if (id != null && id.retired()) {
            return new Decision.Refuse("device retired by an administrator");
        }
        if (id != null && id.credentialSha256() != null) {
            if (credential.startsWith(DEVICE_PREFIX)
                    && MessageDigest.isEqual(
                            sha256(credential.substring(DEVICE_PREFIX.length())).getBytes(StandardCharsets.US_ASCII),
                            id.credentialSha256().getBytes(StandardCharsets.US_ASCII))) {
                return new Decision.Admit(true);
            }
            return new Decision.Refuse("this GUID is registered to another device: present its device credential");
        }
        if (credential.startsWith(DEVICE_PREFIX)) {
            return new Decision.Refuse("unknown device credential: register again with the organization key");
        }
        boolean registering = credential.startsWith(REGISTRATION_PREFIX);
        if (registering
                && !MessageDigest.isEqual(
                        registrationKey,
                        credential.substring(REGISTRATION_PREFIX.length()).getBytes(StandardCharsets.UTF_8))) {
            return new Decision.Refuse("wrong organization registration key");
        }
        if (!known && credential.isEmpty() && registrationKey.length > 0 && !predatesIdentity) {
            return new Decision.Refuse("this server requires device registration: present the organization key");
        }
        if (!known && !registering && !credential.isEmpty()) {
            return new Decision.Refuse("credential must start with reg: or dev:");
        }
        if (!known) {
            AtomicInteger n = newDevicesByAddress.get(from, a -> new AtomicInteger());
            if (n.incrementAndGet() > maxNewPerAddressPerMinute) {
                return new Decision.Refuse(
                        "too many new devices from this address: at most " + maxNewPerAddressPerMinute + " a minute");
            }
        }
        return registering ? new Decision.Register() : new Decision.Admit(false);
    }

    /** Issues and persists a credential; completes with it once it is durable (then send it). */
    public CompletableFuture<String> register(String guid) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String credential = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Identity id = new Identity(sha256(credential), false);
        return CompletableFuture.supplyAsync(
                () -> {
                    store.tx(c -> {
                        store.deviceCredentials().put(c, guid, id);
                        return null;
                    });
                    identities.put(guid, id);
                    return credential;
                },
                storeWriter);
    }

    public boolean isRegistered(String guid) {
        Identity id = identities.get(guid);
        return id != null && id.credentialSha256() != null;
    }

    public boolean isRetired(String guid) {
        Identity id = identities.get(guid);
        return id != null && id.retired();
    }

    /** Retires a device: its HELLOs are refused until it is deleted (and registers anew). */
    public void retire(String guid) {
        Identity old = identities.get(guid);
        Identity id = new Identity(old == null ? null : old.credentialSha256(), true);
        store.tx(c -> {
            store.deviceCredentials().put(c, guid, id);
            return null;
        });
        identities.put(guid, id);
    }

    /** GUIDs an admin retired (refused until deleted). */
    public List<String> retired() {
        return identities.entrySet().stream()
                .filter(e -> e.getValue().retired())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Forgets the identity; the caller forgets the device record. */
    public void forget(String guid) {
        identities.remove(guid);
    }

    /** GUIDs whose device proved a credential. */
    public List<String> registered() {
        return identities.entrySet().stream()
                .filter(e -> e.getValue().credentialSha256() != null)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
