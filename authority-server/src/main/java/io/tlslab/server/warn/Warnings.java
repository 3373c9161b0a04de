package io.tlslab.server.warn;

import io.tlslab.server.metrics.ServerMetrics;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active warnings: each is logged once when it appears, shown as a console banner while it
 * lasts, and exposed as the gauge {@code tlslab_warning_active{kind=...}} (1 active, 0 not).
 */
public final class Warnings {
    private static final Logger log = LoggerFactory.getLogger("tlslab.warning");

    private final Map<WarningKind, String> active = new EnumMap<>(WarningKind.class);

    public Warnings(ServerMetrics metrics) {
        for (WarningKind k : WarningKind.values()) {
            metrics.gauge(
                    "tlslab.warning.active",
                    "1 while the warning is active",
                    () -> isActive(k) ? 1 : 0,
                    "kind",
                    k.name());
        }
    }

    public synchronized void raise(WarningKind kind, String message) {
        String previous = active.put(kind, message);
        if (!message.equals(previous)) {
            log.warn("{}: {}", kind, message);
        }
    }

    public synchronized void clear(WarningKind kind) {
        if (active.remove(kind) != null) {
            log.info("{} cleared", kind);
        }
    }

    public synchronized boolean isActive(WarningKind kind) {
        return active.containsKey(kind);
    }

    public synchronized Map<WarningKind, String> active() {
        return new EnumMap<>(active);
    }
}
