package io.tlslab.fleet.load;

import io.tlslab.tls.retry.RetryPolicy;
import java.time.Duration;

/**
 * How a load run is shaped. Every run is bounded twice: by time ({@code ramp + duration}) and by
 * attempt count ({@code maxHandshakes}), whichever comes first.
 *
 * @param endpoints        simulated endpoints (concurrent connections at most)
 * @param duration         measurement window after the ramp
 * @param maxHandshakes    attempts the run may start in total (ramp included)
 * @param ramp             endpoints start evenly spread over this time; excluded from the figures
 * @param resumption       endpoints resume their previous session (each keeps its own); off = full handshakes only
 * @param holdConnections  keep each connection open after the handshake and reconnect only when it
 *                         drops (reconnect-storm mode); off = connect, handshake, close, repeat
 * @param connectTimeout   TCP connect limit
 * @param handshakeTimeout TLS handshake limit
 * @param backoff          delay before a simulated endpoint retries after a failure
 * @param threads          event-loop threads shared by all endpoints
 * @param sampleInterval   resolution of the throughput series and progress line
 */
public record LoadPlan(
        int endpoints,
        Duration duration,
        long maxHandshakes,
        Duration ramp,
        boolean resumption,
        boolean holdConnections,
        Duration connectTimeout,
        Duration handshakeTimeout,
        RetryPolicy backoff,
        int threads,
        Duration sampleInterval) {

    public LoadPlan {
        if (endpoints < 1) {
            throw new IllegalArgumentException("--endpoints must be at least 1, got " + endpoints);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (maxHandshakes < 1) {
            throw new IllegalArgumentException("--handshakes must be at least 1, got " + maxHandshakes);
        }
        if (ramp.isNegative()) {
            throw new IllegalArgumentException("--ramp must not be negative, got " + ramp);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
    }

    /** Small defaults: 100 endpoints, 1 s ramp, 10 s measured, at most 1,000,000 attempts. */
    public static LoadPlan defaults() {
        return new LoadPlan(
                100,
                Duration.ofSeconds(10),
                1_000_000,
                Duration.ofSeconds(1),
                false,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(5)),
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(1));
    }

    public LoadPlan withEndpoints(int n) {
        return new LoadPlan(
                n,
                duration,
                maxHandshakes,
                ramp,
                resumption,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                backoff,
                threads,
                sampleInterval);
    }

    public LoadPlan withDuration(Duration d) {
        return new LoadPlan(
                endpoints,
                d,
                maxHandshakes,
                ramp,
                resumption,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                backoff,
                threads,
                sampleInterval);
    }

    public LoadPlan withMaxHandshakes(long k) {
        return new LoadPlan(
                endpoints,
                duration,
                k,
                ramp,
                resumption,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                backoff,
                threads,
                sampleInterval);
    }

    public LoadPlan withRamp(Duration r) {
        return new LoadPlan(
                endpoints,
                duration,
                maxHandshakes,
                r,
                resumption,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                backoff,
                threads,
                sampleInterval);
    }

    public LoadPlan withResumption(boolean on) {
        return new LoadPlan(
                endpoints,
                duration,
                maxHandshakes,
                ramp,
                on,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                backoff,
                threads,
                sampleInterval);
    }

    public LoadPlan withHoldConnections(boolean on) {
        return new LoadPlan(
                endpoints,
                duration,
                maxHandshakes,
                ramp,
                resumption,
                on,
                connectTimeout,
                handshakeTimeout,
                backoff,
                threads,
                sampleInterval);
    }

    public LoadPlan withBackoff(RetryPolicy b) {
        return new LoadPlan(
                endpoints,
                duration,
                maxHandshakes,
                ramp,
                resumption,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                b,
                threads,
                sampleInterval);
    }

    public LoadPlan withThreads(int t) {
        return new LoadPlan(
                endpoints,
                duration,
                maxHandshakes,
                ramp,
                resumption,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                backoff,
                t,
                sampleInterval);
    }

    public LoadPlan withSampleInterval(Duration s) {
        return new LoadPlan(
                endpoints,
                duration,
                maxHandshakes,
                ramp,
                resumption,
                holdConnections,
                connectTimeout,
                handshakeTimeout,
                backoff,
                threads,
                s);
    }

    public Duration total() {
        return ramp.plus(duration);
    }
}
