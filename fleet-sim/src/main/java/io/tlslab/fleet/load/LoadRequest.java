package io.tlslab.fleet.load;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.fleet.server.ServerKind;
import io.tlslab.fleet.swarm.SwarmPlacement;
import io.tlslab.tls.KeyExchangeGroup;
import io.tlslab.tls.TlsEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code tlslab-fleet load} was asked to do, typed and checked: the command maps its options to
 * this, {@link LoadSession} runs it.
 *
 * @param plan          the shape of the run (endpoints, bounds, ramp, hold, backoff)
 * @param clientEngine  the endpoints' TLS engine
 * @param group         key-exchange group pinned on both sides
 * @param scenario      the certificate scenario a started server presents (and whose roots are trusted by default)
 * @param validation    how endpoints judge the server's certificate
 * @param trust         trusted roots instead of the scenario's
 * @param server        what is loaded: a server this run starts, or one already running
 * @param restartAt     reconnect storm: restart the started authority server this long after the start
 * @param serverPids    processes of an external server whose CPU time the report shows
 * @param spread        where the endpoints run: this process, containers, or a Swarm service
 * @param threads       client event-loop threads as given (empty: each process its cores)
 * @param noJitter      retries without jitter (passed on to containers and replicas)
 * @param reports       where the report files go
 */
public record LoadRequest(
        LoadPlan plan,
        TlsEngine clientEngine,
        KeyExchangeGroup group,
        Scenario scenario,
        ValidationMode validation,
        Optional<Path> trust,
        Server server,
        Optional<Duration> restartAt,
        List<Long> serverPids,
        Spread spread,
        OptionalInt threads,
        boolean noJitter,
        Reports reports) {

    public LoadRequest {
        serverPids = List.copyOf(serverPids);
    }

    /** What the fleet loads. */
    public sealed interface Server permits Started, External {}

    /** A server this run starts on loopback, presenting the scenario's certificate. */
    public record Started(ServerKind kind, TlsEngine engine, OptionalInt threads, Optional<String> dialHost)
            implements Server {}

    /** A server already running on loopback; {@code text} is the address as the user gave it. */
    public record External(LoadTarget target, String text) implements Server {}

    /** Where the endpoints run. */
    public sealed interface Spread permits InProcess, Containers, Swarm {}

    /** Every endpoint in this process. */
    public record InProcess() implements Spread {}

    /** Split across {@code count} containers of {@code image} on the Docker engine of DOCKER_HOST. */
    public record Containers(int count, String image, Optional<Duration> timeout) implements Spread {}

    /** A Swarm service of {@code replicas} replicas of {@code image}; the limits as the user typed them. */
    public record Swarm(
            int replicas,
            String image,
            SwarmPlacement placement,
            Optional<String> limitCpus,
            Optional<String> limitMemory,
            Optional<Duration> timeout)
            implements Spread {}

    /**
     * @param directory  report directory
     * @param name       file base name (empty: {@code load-<scenario>-<engine>})
     */
    public record Reports(Path directory, Optional<String> name) {}
}
