package io.tlslab.fleet.rollout;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.store.KeyStores;
import io.tlslab.client.endpoint.Endpoint;
import io.tlslab.client.endpoint.EndpointConfig;
import io.tlslab.client.endpoint.EndpointTransport;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.client.settings.InMemorySettingsStore;
import io.tlslab.fleet.report.ProgressLine;
import io.tlslab.fleet.server.InProcessAuthority;
import io.tlslab.server.cert.CertificateImportException;
import io.tlslab.server.cert.ListenerPurpose;
import io.tlslab.server.command.Actor;
import io.tlslab.server.command.CommandResult;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.retry.RetryPolicy;
import io.tlslab.tls.validation.CertificateValidator;
import io.tlslab.tls.validation.TrustAnchors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The vendor article's rollout, acted out on a real in-process authority server by a small fleet of
 * real endpoints (6.0 and 5.x):
 * <ol>
 *   <li>baseline: the server serves its self-signed default, strict validation is off, everyone connects;</li>
 *   <li>the admin turns strict validation on while the server is still self-signed: after the next
 *       reconnect every 6.0+ endpoint refuses the server (SELF_SIGNED) and retries; 5.x keeps working;</li>
 *   <li>the admin installs a CA-signed certificate on the console, sets {@code useHttpsCertificate}
 *       and restarts: every endpoint recovers; the time until the last one is back is measured.</li>
 * </ol>
 * The endpoints keep running afterwards (the demo leaves them connected) until {@link #close()}.
 */
public final class RolloutWalkthrough implements AutoCloseable {

    public static final String STRICT_ON = "setting.set system c42.sabre.client.certificate.strictValidation true";
    public static final String USE_HTTPS = "prop.set c42.sabre.server.certificate.useHttpsCertificate true save";
    private static final Actor ADMIN = new Actor("admin", "fleet-sim rollout");
    private static final String MODERN = "6.0";
    private static final String LEGACY = "5.4";

    /**
     * @param modern       endpoints of version 6.0 (honour strict validation)
     * @param legacy       endpoints of version 5.4 (ignore it)
     * @param retry        the endpoints' retry routine (the demo shortens the SPEC's 1 s .. 300 s)
     * @param phaseTimeout how long a phase may take to reach its expected state
     */
    public record Options(int modern, int legacy, RetryPolicy retry, Duration phaseTimeout) {
        public Options {
            if (modern < 1 || legacy < 0) {
                throw new IllegalArgumentException("the fleet needs at least one 6.0 endpoint and no negative counts");
            }
        }

        public static Options small() {
            return new Options(
                    16,
                    8,
                    RetryPolicy.exponential(Duration.ofMillis(250), Duration.ofSeconds(2)),
                    Duration.ofSeconds(60));
        }
    }

    private final InProcessAuthority authority;
    private final MintedScenario caSigned;
    private final Options options;
    private final Consumer<String> narrator;
    private final ProgressLine progress;
    private final FleetTracker tracker = new FleetTracker();
    private final EndpointTransport transport = EndpointTransport.create(1);
    private final List<Endpoint> endpoints = new ArrayList<>();

    /**
     * @param caSigned the CA-signed certificate the admin will install (its roots are what every endpoint trusts)
     * @param narrator told one line per step, for people to follow
     */
    public RolloutWalkthrough(
            InProcessAuthority authority,
            MintedScenario caSigned,
            Options options,
            Consumer<String> narrator,
            ProgressLine progress) {
        this.authority = authority;
        this.caSigned = caSigned;
        this.options = options;
        this.narrator = narrator;
        this.progress = progress;
    }

    public FleetTracker tracker() {
        return tracker;
    }

    public RolloutReport run() throws Exception {
        startFleet();
        List<RolloutReport.Phase> phases = new ArrayList<>();

        // 1. baseline
        long t = System.nanoTime();
        Map<String, Long> before = tracker.rejections();
        long retriesBefore = tracker.retries();
        boolean everyoneIn = await("baseline", () -> tracker.connected() == tracker.size());
        long auditing = tracker.members().stream()
                .filter(m -> m.version().equals(MODERN))
                .filter(m -> m.lastAudit().equals("REJECT:SELF_SIGNED"))
                .count();
        phases.add(phase(
                "baseline",
                "server on its self-signed default, strict validation off",
                t,
                before,
                retriesBefore,
                "every endpoint connects (encrypt-only); 6.0 audits report that strict would reject: SELF_SIGNED",
                everyoneIn && auditing == options.modern()));
        narrator.accept(String.format(
                Locale.ROOT,
                "1. baseline: %d/%d endpoints connected; %d 6.0 endpoints audit the self-signed certificate as SELF_SIGNED",
                tracker.connected(),
                tracker.size(),
                auditing));

        // 2. strict on while still self-signed
        t = System.nanoTime();
        before = tracker.rejections();
        retriesBefore = tracker.retries();
        command(STRICT_ON);
        boolean pushed =
                await("strict pushed", () -> tracker.members().stream().allMatch(FleetTracker.Member::strictReceived));
        narrator.accept("2. admin: " + STRICT_ON
                + (pushed ? " (pushed to every connected endpoint)" : " (NOT pushed to every endpoint)"));
        authority.restart();
        narrator.accept("   server restarted: every endpoint reconnects");
        long startedAt = System.nanoTime();
        boolean split = await(
                "strict on",
                () -> tracker.connected(LEGACY) == options.legacy()
                        && tracker.connected(MODERN) == 0
                        && tracker.members().stream()
                                .filter(m -> m.version().equals(MODERN))
                                .allMatch(m -> m.lastOutcome().equals("REJECT:SELF_SIGNED")
                                        && m.lastAcceptNanos() < startedAt));
        pause(Duration.ofSeconds(2)); // let the retry routine show itself
        Map<String, Long> rejected = diff(tracker.rejections(), before);
        phases.add(phase(
                "strict on, self-signed",
                STRICT_ON + "; restart",
                t,
                before,
                retriesBefore,
                "every 6.0 endpoint refuses the server (SELF_SIGNED) and retries; every 5.x endpoint keeps working",
                pushed && split));
        long unreachable = rejected.getOrDefault(FleetTracker.UNREACHABLE, 0L);
        rejected.remove(FleetTracker.UNREACHABLE);
        narrator.accept(String.format(
                Locale.ROOT,
                "   6.0: %d/%d connected, 6.0 endpoints refused the server's certificate"
                        + " %s, %d retries so far (%d attempts unreachable during the restart); 5.x: %d/%d connected",
                tracker.connected(MODERN),
                options.modern(),
                rejected,
                tracker.retries() - retriesBefore,
                unreachable,
                tracker.connected(LEGACY),
                options.legacy()));

        // 3. CA-signed certificate + useHttpsCertificate + restart
        t = System.nanoTime();
        before = tracker.rejections();
        retriesBefore = tracker.retries();
        installCaSigned();
        command(USE_HTTPS);
        narrator.accept("3. admin: installed a CA-signed console certificate ("
                + caSigned.leaf().certificate().getSubjectX500Principal().getName() + "), " + USE_HTTPS + ", restart");
        // Taken before the restart: a quick endpoint can get back in while restart() is still
        // returning, and such an endpoint must count as recovered, not as never reconnected.
        long restarted = System.nanoTime();
        authority.restart();
        boolean recovered = await(
                "recovering",
                () -> tracker.members().stream().allMatch(m -> m.connected() && m.lastAcceptNanos() > restarted));
        List<Double> back = new ArrayList<>();
        for (FleetTracker.Member m : tracker.members()) {
            if (m.lastAcceptNanos() > restarted) {
                back.add((m.lastAcceptNanos() - restarted) / 1e9);
            }
        }
        back.sort(Double::compare);
        RolloutReport.Recovery recovery = new RolloutReport.Recovery(
                recovered && back.size() == tracker.size(),
                back.isEmpty() ? 0 : back.get(back.size() / 2),
                back.isEmpty() ? 0 : back.get(back.size() - 1),
                tracker.retries() - retriesBefore);
        phases.add(phase(
                "CA-signed certificate",
                "cert import console; " + USE_HTTPS + "; restart",
                t,
                before,
                retriesBefore,
                "every endpoint (6.0 strict and 5.x) connects again",
                recovery.allRecovered()));
        narrator.accept(String.format(
                Locale.ROOT,
                "   all %d endpoints back: %s; time to recover %.1f s (median %.1f s), %d retries",
                tracker.size(),
                recovery.allRecovered() ? "yes" : "NO",
                recovery.timeToRecoverSeconds(),
                recovery.p50Seconds(),
                recovery.retries()));
        progress.finish();
        Map<String, Integer> fleet = new LinkedHashMap<>();
        fleet.put(MODERN, options.modern());
        fleet.put(LEGACY, options.legacy());
        return new RolloutReport(
                fleet,
                options.retry().toString(),
                phases,
                recovery,
                phases.stream().allMatch(RolloutReport.Phase::met));
    }

    private void startFleet() throws Exception {
        CertificateValidator validator = new CertificateValidator(TrustAnchors.of(caSigned.trustAnchors()));
        int total = options.modern() + options.legacy();
        for (int i = 0; i < total; i++) {
            String version = i < options.modern() ? MODERN : LEGACY;
            String guid = String.format(Locale.ROOT, "fleet-%s-%02d", version.replace('.', '_'), i);
            FleetTracker.Member member = tracker.add(guid, version);
            EndpointConfig config = EndpointConfig.builder()
                    .server("127.0.0.1", authority.server().messagingPort())
                    .dialHost("localhost")
                    .validator(validator)
                    .engine(i % 2 == 0 ? TlsEngine.OPENSSL : TlsEngine.JDK)
                    .version(version)
                    .guid(guid)
                    .settingsStore(new InMemorySettingsStore(guid, EndpointSettings.defaults()))
                    .retryPolicy(options.retry())
                    .build();
            Endpoint endpoint = new Endpoint(config, transport, member);
            endpoints.add(endpoint);
            endpoint.start();
        }
    }

    private void installCaSigned() throws CertificateImportException {
        char[] password = KeyStores.DEFAULT_PASSWORD.toCharArray();
        byte[] p12 = KeyStores.encodeKeyStore(KeyStores.Type.PKCS12, caSigned.leaf(), caSigned.servedChain(), password);
        authority.server().certificates().install(ListenerPurpose.CONSOLE, p12, password, null, ADMIN);
    }

    private void command(String line) {
        CommandResult result = authority.server().execute(line, ADMIN);
        if (!result.ok()) {
            throw new IllegalStateException("console command '" + line + "' failed: " + result.output());
        }
    }

    private boolean await(String phase, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + options.phaseTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            showProgress(phase);
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return done.getAsBoolean();
    }

    private void pause(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            showProgress("retrying");
            Thread.sleep(100);
        }
    }

    private void showProgress(String phase) {
        progress.show(String.format(
                Locale.ROOT,
                "[%s] connected %d/%d (6.0: %d/%d, 5.x: %d/%d)  handshakes %,d  retries %,d  endpoints refused the server %s",
                phase,
                tracker.connected(),
                tracker.size(),
                tracker.connected(MODERN),
                options.modern(),
                tracker.connected(LEGACY),
                options.legacy(),
                tracker.handshakes(),
                tracker.retries(),
                tracker.rejections()));
    }

    private RolloutReport.Phase phase(
            String name,
            String action,
            long startNanos,
            Map<String, Long> rejectionsBefore,
            long retriesBefore,
            String expectation,
            boolean met) {
        Map<String, Integer> connected = new LinkedHashMap<>();
        connected.put(MODERN, tracker.connected(MODERN));
        connected.put(LEGACY, tracker.connected(LEGACY));
        return new RolloutReport.Phase(
                name,
                action,
                (System.nanoTime() - startNanos) / 1e9,
                connected,
                diff(tracker.rejections(), rejectionsBefore),
                tracker.retries() - retriesBefore,
                expectation,
                met);
    }

    private static Map<String, Long> diff(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> d = new LinkedHashMap<>();
        now.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n > 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    @Override
    public void close() {
        for (Endpoint e : endpoints) {
            e.close();
        }
        transport.close();
    }
}
