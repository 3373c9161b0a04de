package io.tlslab.fleet.rollout;

import io.tlslab.client.endpoint.EndpointListener;
import io.tlslab.client.endpoint.HandshakeOutcome;
import io.tlslab.client.settings.EndpointSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Follows every endpoint of a small fleet through its listener events: who is connected, who is in
 * the retry routine, why connections were refused, and when each endpoint last got in. Thread-safe:
 * events arrive on the endpoints' event loops, reads come from the walk-through's thread.
 */
public final class FleetTracker {

    private final List<Member> members = new ArrayList<>();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final LongAdder retries = new LongAdder();
    private final LongAdder handshakes = new LongAdder();

    /** Registers one endpoint; its listener must be handed to the endpoint. */
    public Member add(String guid, String version) {
        Member m = new Member(guid, version);
        synchronized (members) {
            members.add(m);
        }
        return m;
    }

    public List<Member> members() {
        synchronized (members) {
            return List.copyOf(members);
        }
    }

    public int size() {
        return members().size();
    }

    public int connected() {
        return (int) members().stream().filter(Member::connected).count();
    }

    public int connected(String version) {
        return (int) members().stream()
                .filter(m -> m.version.equals(version) && m.connected())
                .count();
    }

    public long retries() {
        return retries.sum();
    }

    public long handshakes() {
        return handshakes.sum();
    }

    /** Key under which attempts that never reached validation are counted (e.g. refused while restarting). */
    public static final String UNREACHABLE = "UNREACHABLE";

    /** Rejections by reason code, and attempts that never reached validation as {@link #UNREACHABLE}. */
    public Map<String, Long> rejections() {
        Map<String, Long> m = new TreeMap<>();
        rejections.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** One endpoint's story; also its {@link EndpointListener}. */
    public final class Member implements EndpointListener {
        private final String guid;
        private final String version;
        private volatile boolean connected;
        private volatile boolean strictReceived;
        private volatile long lastAcceptNanos = -1;
        private volatile String lastOutcome = "-";
        private volatile String lastAudit = "-";

        Member(String guid, String version) {
            this.guid = guid;
            this.version = version;
        }

        public String guid() {
            return guid;
        }

        public String version() {
            return version;
        }

        public boolean connected() {
            return connected;
        }

        public boolean strictReceived() {
            return strictReceived;
        }

        public long lastAcceptNanos() {
            return lastAcceptNanos;
        }

        public String lastOutcome() {
            return lastOutcome;
        }

        /** What strict validation concluded about the server on the last handshake (the audit). */
        public String lastAudit() {
            return lastAudit;
        }

        @Override
        public void handshakeCompleted(HandshakeOutcome outcome) {
            handshakes.increment();
            lastOutcome = outcome.label();
            if (outcome.verdict() != null) {
                lastAudit = outcome.verdict().strictOutcome().toString();
            }
            if (outcome.accepted()) {
                lastAcceptNanos = System.nanoTime();
                connected = true;
            } else {
                connected = false;
                String key = outcome.reason().map(Enum::name).orElse(UNREACHABLE);
                rejections.computeIfAbsent(key, k -> new LongAdder()).increment();
            }
        }

        @Override
        public void settingsReceived(EndpointSettings settings) {
            strictReceived = settings.strictValidation();
        }

        @Override
        public void disconnected(String reason) {
            connected = false;
        }

        @Override
        public void retryScheduled(int attempt, Duration delay) {
            retries.increment();
        }
    }
}
