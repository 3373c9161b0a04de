package io.tlslab.server;

import io.tlslab.server.device.DeviceRegistry;
import io.tlslab.server.warn.WarningMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The once-a-second task: writes device updates behind, and re-judges certificate expiry once a minute. */
final class Housekeeping implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final DeviceRegistry devices;
    private final WarningMonitor warningMonitor;
    /** Runs so far (only ever touched by the scheduled task itself). */
    private long runs;

    Housekeeping(DeviceRegistry devices, WarningMonitor warningMonitor) {
        this.devices = devices;
        this.warningMonitor = warningMonitor;
    }

    @Override
    public void run() {
        try {
            devices.flush();
            if (++runs % 60 == 0) {
                warningMonitor.evaluate(); // certificates age: re-judge expiry once a minute
            }
        } catch (RuntimeException e) {
            log.warn("housekeeping failed: {}", e.getMessage());
        }
    }
}
