package io.tlslab.server.cert;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.protocol.cert.CertificateFacts;
import io.tlslab.server.command.Actor;
import io.tlslab.server.store.AuditEntry;
import io.tlslab.server.store.Store;
import io.tlslab.server.store.StoredKeystore;
import io.tlslab.tls.identity.ServedIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates of the listeners (SPEC §3): a self-signed one generated on first start and kept
 * in the database (so it is stable across restarts), replaced by an admin's CA-signed import,
 * exported as a backup, or reset to a fresh self-signed one. The running certificate changes only
 * after the new one is parsed, checked and committed.
 */
public final class CertificateService {
    private static final Logger log = LoggerFactory.getLogger(CertificateService.class);
    /** Validity of generated self-signed certificates: the 825-day maximum browsers still honour. */
    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(825);

    private final Store store;
    private final List<String> hostnames;
    private final Clock clock;
    private final Map<ListenerPurpose, Current> current = new EnumMap<>(ListenerPurpose.class);
    private final List<BiConsumer<ListenerPurpose, ServedIdentity>> listeners = new CopyOnWriteArrayList<>();

    private record Current(ServedIdentity identity, StoredKeystore.Origin origin) {}

    public CertificateService(Store store, List<String> hostnames, Clock clock) {
        this.store = store;
        Set<String> names = new LinkedHashSet<>(hostnames);
        names.add("localhost");
        this.hostnames = List.copyOf(names);
        this.clock = clock;
        for (ListenerPurpose p : ListenerPurpose.values()) {
            current.put(p, loadOrCreate(p));
        }
    }

    /** Called after a listener's certificate changed (install or reset). */
    public void onChange(BiConsumer<ListenerPurpose, ServedIdentity> listener) {
        listeners.add(listener);
    }

    public synchronized ServedIdentity identity(ListenerPurpose purpose) {
        return current.get(purpose).identity();
    }

    public synchronized StoredKeystore.Origin origin(ListenerPurpose purpose) {
        return current.get(purpose).origin();
    }

    public List<CertificateFacts> chainInfo(ListenerPurpose purpose) {
        return identity(purpose).chain().stream().map(CertificateFacts::of).toList();
    }

    /**
     * Installs an uploaded keystore for a listener.
     *
     * @throws CertificateImportException with the precise reason; the running certificate stays
     */
    public ServedIdentity install(ListenerPurpose purpose, byte[] content, char[] password, String alias, Actor actor)
            throws CertificateImportException {
        ServedIdentity identity;
        try {
            identity = KeystoreImporter.load(content, password == null ? new char[0] : password, alias);
            refuseOutOfValidity(identity);
        } catch (CertificateImportException e) {
            log.warn("certificate import for {} refused: {}", purpose.id(), e.getMessage());
            audit(actor, "cert import " + purpose.id(), false, e.getMessage());
            throw e;
        }
        String text = "installed " + CertificateFacts.of(identity.leaf()).subject() + " for the " + purpose.id()
                + " listener, SHA-256 " + identity.leafSha256();
        persist(purpose, identity, StoredKeystore.Origin.INSTALLED, actor, "cert import " + purpose.id(), text);
        log.info("{}", text);
        return identity;
    }

    /**
     * An expired (or not yet valid) certificate would fail every client's validation the moment it
     * is served: refused, the running one stays.
     */
    private void refuseOutOfValidity(ServedIdentity identity) throws CertificateImportException {
        java.util.Date now = java.util.Date.from(clock.instant());
        java.security.cert.X509Certificate leaf = identity.leaf();
        if (leaf.getNotAfter().before(now)) {
            throw new CertificateImportException(
                    "the certificate " + CertificateFacts.of(leaf).subject() + " expired on "
                            + leaf.getNotAfter().toInstant() + ": install a valid one");
        }
        if (leaf.getNotBefore().after(now)) {
            throw new CertificateImportException(
                    "the certificate " + CertificateFacts.of(leaf).subject() + " is not valid before "
                            + leaf.getNotBefore().toInstant() + ": check the clock or the certificate");
        }
    }

    /** A fresh self-signed certificate replaces the listener's certificate. */
    public ServedIdentity reset(ListenerPurpose purpose, Actor actor) {
        ServedIdentity identity = selfSigned();
        persist(
                purpose,
                identity,
                StoredKeystore.Origin.SELF_SIGNED,
                actor,
                "cert reset " + purpose.id(),
                "reset to a new self-signed certificate, SHA-256 " + identity.leafSha256());
        log.info("{} certificate reset to a new self-signed one, SHA-256 {}", purpose.id(), identity.leafSha256());
        return identity;
    }

    /**
     * The installed keystore as PKCS#12 protected by {@code password}: a backup to re-import.
     *
     * @throws IllegalStateException for the generated self-signed certificate, which is not worth a
     *                               backup (reset makes a new one) and must not leave the server
     */
    public byte[] export(ListenerPurpose purpose, char[] password, Actor actor) {
        if (password == null || password.length < 4) {
            throw new IllegalArgumentException(
                    "an export needs a password of at least 4 characters to protect the key");
        }
        Current c;
        synchronized (this) {
            c = current.get(purpose);
        }
        if (c.origin() == StoredKeystore.Origin.SELF_SIGNED) {
            audit(actor, "cert export " + purpose.id(), false, "refused: default self-signed certificate");
            throw new IllegalStateException(
                    "the " + purpose.id() + " listener uses the default self-signed certificate,"
                            + " which cannot be exported; install a CA-signed one first");
        }
        audit(
                actor,
                "cert export " + purpose.id(),
                true,
                "exported SHA-256 " + c.identity().leafSha256());
        return KeystoreCodec.toPkcs12(c.identity(), password);
    }

    private void persist(
            ListenerPurpose purpose,
            ServedIdentity identity,
            StoredKeystore.Origin origin,
            Actor actor,
            String command,
            String text) {
        char[] password = randomPassword();
        StoredKeystore stored = new StoredKeystore(
                purpose.id(), origin, KeystoreCodec.toPkcs12(identity, password), password, OffsetDateTime.now(clock));
        synchronized (this) {
            store.tx(c -> {
                store.keystores().put(c, stored);
                store.auditLog()
                        .append(
                                c,
                                new AuditEntry(
                                        OffsetDateTime.now(clock),
                                        actor.admin(),
                                        actor.channel(),
                                        command,
                                        true,
                                        text));
                return null;
            });
            current.put(purpose, new Current(identity, origin));
        }
        listeners.forEach(l -> l.accept(purpose, identity));
    }

    private void audit(Actor actor, String command, boolean ok, String result) {
        store.tx(c -> {
            store.auditLog()
                    .append(
                            c,
                            new AuditEntry(
                                    OffsetDateTime.now(clock), actor.admin(), actor.channel(), command, ok, result));
            return null;
        });
    }

    private Current loadOrCreate(ListenerPurpose purpose) {
        return store.getOrCreate(c -> {
            var found = store.keystores().find(c, purpose.id());
            if (found.isPresent()) {
                StoredKeystore k = found.get();
                return new Current(KeystoreCodec.fromPkcs12(k.pkcs12(), k.password()), k.origin());
            }
            ServedIdentity identity = selfSigned();
            char[] password = randomPassword();
            store.keystores()
                    .put(
                            c,
                            new StoredKeystore(
                                    purpose.id(),
                                    StoredKeystore.Origin.SELF_SIGNED,
                                    KeystoreCodec.toPkcs12(identity, password),
                                    password,
                                    OffsetDateTime.now(clock)));
            log.info(
                    "generated a self-signed certificate for the {} listener (SAN {}), SHA-256 {}",
                    purpose.id(),
                    hostnames,
                    identity.leafSha256());
            return new Current(identity, StoredKeystore.Origin.SELF_SIGNED);
        });
    }

    private ServedIdentity selfSigned() {
        HeldCertificate held = HeldCertificate.builder()
                .clock(clock)
                .commonName(hostnames.get(0))
                .organization("tlslab authority server")
                .addSubjectAlternativeNames(hostnames)
                .duration(SELF_SIGNED_VALIDITY)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)
                .build();
        return new ServedIdentity(held.privateKey(), List.of(held.certificate()));
    }

    private static char[] randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }
}
