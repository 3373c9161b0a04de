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

    public LoadPlan withEndpoints(int endpoints) {
        return toBuilder().endpoints(endpoints).build();
    }

    public LoadPlan withDuration(Duration duration) {
        return toBuilder().duration(duration).build();
    }

    public LoadPlan withMaxHandshakes(long maxHandshakes) {
        return toBuilder().maxHandshakes(maxHandshakes).build();
    }

    public LoadPlan withRamp(Duration ramp) {
        return toBuilder().ramp(ramp).build();
    }

    public LoadPlan withResumption(boolean resumption) {
        return toBuilder().resumption(resumption).build();
    }

    public LoadPlan withHoldConnections(boolean holdConnections) {
        return toBuilder().holdConnections(holdConnections).build();
    }

    public LoadPlan withBackoff(RetryPolicy backoff) {
        return toBuilder().backoff(backoff).build();
    }

    public LoadPlan withThreads(int threads) {
        return toBuilder().threads(threads).build();
    }

    public LoadPlan withSampleInterval(Duration sampleInterval) {
        return toBuilder().sampleInterval(sampleInterval).build();
    }

    /** A builder holding this plan's values: the one place a plan is copied with changes. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Duration total() {
        return ramp.plus(duration);
    }

    /** Copies a plan with some components changed; {@link #build} checks the result as the constructor does. */
    public static final class Builder {
        private int endpoints;
        private Duration duration;
        private long maxHandshakes;
        private Duration ramp;
        private boolean resumption;
        private boolean holdConnections;
        private Duration connectTimeout;
        private Duration handshakeTimeout;
        private RetryPolicy backoff;
        private int threads;
        private Duration sampleInterval;

        private Builder(LoadPlan p) {
            endpoints = p.endpoints;
            duration = p.duration;
            maxHandshakes = p.maxHandshakes;
            ramp = p.ramp;
            resumption = p.resumption;
            holdConnections = p.holdConnections;
            connectTimeout = p.connectTimeout;
            handshakeTimeout = p.handshakeTimeout;
            backoff = p.backoff;
            threads = p.threads;
            sampleInterval = p.sampleInterval;
        }

        public Builder endpoints(int value) {
            endpoints = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder maxHandshakes(long value) {
            maxHandshakes = value;
            return this;
        }

        public Builder ramp(Duration value) {
            ramp = value;
            return this;
        }

        public Builder resumption(boolean value) {
            resumption = value;
            return this;
        }

        public Builder holdConnections(boolean value) {
            holdConnections = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        public Builder backoff(RetryPolicy value) {
            backoff = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder sampleInterval(Duration value) {
            sampleInterval = value;
            return this;
        }

        public LoadPlan build() {
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
                    sampleInterval);
        }
    }
}
