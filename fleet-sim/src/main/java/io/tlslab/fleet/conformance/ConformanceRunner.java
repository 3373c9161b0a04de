package io.tlslab.fleet.conformance;

import io.tlslab.ca.scenario.MintedScenario;
import io.tlslab.ca.scenario.Scenario;
import io.tlslab.ca.scenario.ScenarioMinter;
import io.tlslab.client.endpoint.Endpoint;
import io.tlslab.client.endpoint.EndpointConfig;
import io.tlslab.client.endpoint.EndpointListener;
import io.tlslab.client.endpoint.EndpointTransport;
import io.tlslab.client.endpoint.HandshakeOutcome;
import io.tlslab.client.settings.EndpointSettings;
import io.tlslab.client.settings.InMemorySettingsStore;
import io.tlslab.protocol.settings.FingerprintList;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.ValidationProfile;
import io.tlslab.tls.TlsEngine;
import io.tlslab.tls.TlsOptions;
import io.tlslab.tls.failure.ConnectionFailure;
import io.tlslab.tls.failure.FailureKind;
import io.tlslab.tls.validation.TrustAnchors;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the conformance matrix: every scenario x profile x client mode x engine, each cell one real endpoint
 * (endpoint-client's {@link Endpoint}, holding the settings and version of that mode) connecting once
 * to a real listener presenting that scenario; its verdict is compared with the scenario's manifest,
 * and for the modes that only audit, its audit with what strict validation must conclude.
 */
public final class ConformanceRunner {

    private final ScenarioServer server;
    private final String host;
    private final Duration handshakeTimeout;

    public ConformanceRunner(ScenarioServer server, String host, Duration handshakeTimeout) {
        this.server = server;
        this.host = host;
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * @param progress told about each finished cell (for a live line); may ignore it
     */
    public ConformanceReport run(
            List<Scenario> scenarios,
            List<ClientMode> modes,
            List<TlsEngine> engines,
            Consumer<ConformanceCell> progress)
            throws Exception {
        return run(scenarios, modes, engines, List.of(ValidationProfile.values()), progress);
    }

    /**
     * @param profiles the validation profiles every mode x engine runs with (the manifest states each one's outcome)
     */
    public ConformanceReport run(
            List<Scenario> scenarios,
            List<ClientMode> modes,
            List<TlsEngine> engines,
            List<ValidationProfile> profiles,
            Consumer<ConformanceCell> progress)
            throws Exception {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ScenarioMinter minter = new ScenarioMinter();
        List<ConformanceCell> cells = new ArrayList<>();
        EndpointTransport transport = EndpointTransport.create(1);
        try {
            for (Scenario scenario : scenarios) {
                MintedScenario minted = minter.mint(scenario, host);
                try (ScenarioServer.Running listener = server.start(minted)) {
                    // the cells of one scenario are independent endpoints: run them side by side
                    List<Probe> probes = new ArrayList<>();
                    for (ValidationProfile profile : profiles) {
                        for (TlsEngine engine : engines) {
                            for (ClientMode mode : modes) {
                                probes.add(new Probe(minted, profile, mode, engine, listener.address(), transport));
                            }
                        }
                    }
                    for (Probe probe : probes) {
                        ConformanceCell cell = probe.finish();
                        cells.add(cell);
                        progress.accept(cell);
                    }
                }
            }
        } finally {
            transport.close();
        }
        return ConformanceReport.of(
                started.toString(), server.description(), host, (System.nanoTime() - t0) / 1e9, cells);
    }

    /**
     * The settings and version of an endpoint of each kind, as a real device would hold them after
     * the server pushed its settings: strict (6.0, strict on), allowlisted (6.0, strict on, the leaf's
     * SHA-1 allowlisted), non-strict (6.0, defaults), 5.x (5.4, told strict, which it ignores).
     */
    static EndpointConfig.Builder endpointFor(ClientMode mode, MintedScenario minted, ValidationProfile profile) {
        EndpointSettings settings = switch (mode) {
            case STRICT -> new EndpointSettings(true, FingerprintList.empty());
            case ALLOWLISTED -> new EndpointSettings(true, minted.allowlist());
            case NON_STRICT -> EndpointSettings.defaults();
            case LEGACY_5X -> new EndpointSettings(true, FingerprintList.empty());
        };
        String guid = "conformance-" + minted.scenario().slug() + "-" + profile.label() + "-" + mode.label();
        return EndpointConfig.builder()
                .version(mode == ClientMode.LEGACY_5X ? "5.4" : "6.0")
                .guid(guid)
                .settingsStore(new InMemorySettingsStore(guid, settings))
                .trustAnchors(TrustAnchors.of(minted.trustAnchors()))
                .profile(profile)
                .crls(minted.crls())
                .dialHost(minted.dialHost());
    }

    /** One cell in flight: a real endpoint making its single connection attempt. */
    private final class Probe {
        private final MintedScenario minted;
        private final ValidationProfile profile;
        private final ClientMode mode;
        private final TlsEngine engine;
        private final Endpoint endpoint;
        private final CompletableFuture<HandshakeOutcome> outcome;

        Probe(
                MintedScenario minted,
                ValidationProfile profile,
                ClientMode mode,
                TlsEngine engine,
                InetSocketAddress address,
                EndpointTransport transport)
                throws Exception {
            this.minted = minted;
            this.profile = profile;
            this.mode = mode;
            this.engine = engine;
            EndpointConfig config = endpointFor(mode, minted, profile)
                    .server(address.getHostString(), address.getPort())
                    .engine(engine)
                    .tls(TlsOptions.defaults().withHandshakeTimeout(handshakeTimeout))
                    .connectTimeout(handshakeTimeout)
                    .build();
            this.endpoint = new Endpoint(config, transport, EndpointListener.NONE);
            if (endpoint.mode() != mode) {
                endpoint.close();
                throw new IllegalStateException("endpoint configured for " + mode + " runs as " + endpoint.mode());
            }
            this.outcome = endpoint.connectOnce();
        }

        ConformanceCell finish() throws InterruptedException {
            Observation observed;
            try {
                HandshakeOutcome o = outcome.get(handshakeTimeout.toMillis() * 3, TimeUnit.MILLISECONDS);
                observed = o.status() == HandshakeOutcome.Status.FAILED
                        ? new Observation.Failed(o.failure())
                        : new Observation.Concluded(
                                o.verdict().outcome(), o.verdict().strictOutcome());
            } catch (TimeoutException e) {
                observed = new Observation.Failed(ConnectionFailure.Transport.of(FailureKind.HANDSHAKE_TIMEOUT));
            } catch (ExecutionException e) {
                observed = new Observation.Failed(ConnectionFailure.of(e.getCause()));
            } finally {
                endpoint.close();
            }
            return new ConformanceCell(
                    minted.scenario(),
                    profile,
                    mode,
                    engine,
                    minted.expected(mode, profile),
                    observed,
                    ConformanceCell.audits(mode) ? minted.expected(ClientMode.STRICT, profile) : null);
        }
    }
}
