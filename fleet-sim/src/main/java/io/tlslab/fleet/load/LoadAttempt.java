package io.tlslab.fleet.load;

import io.tlslab.fleet.stats.LoadRecorder;
import io.tlslab.tls.failure.ConnectionFailure;

/**
 * One connection attempt of a simulated endpoint: started once, settled exactly once (succeeded or
 * failed), which is what makes {@code started == succeeded + failed} hold. Confined to the endpoint's
 * event loop, so no synchronisation.
 */
final class LoadAttempt {
    private final LoadRecorder recorder;
    private final long startNanos;
    private boolean settled;
    private boolean succeeded;

    LoadAttempt(LoadRecorder recorder, boolean isRetry) {
        this.recorder = recorder;
        recorder.attemptStarted(isRetry);
        this.startNanos = recorder.nanoTime();
    }

    void succeed(boolean resumed) {
        if (!settled) {
            settled = true;
            succeeded = true;
            recorder.handshakeSucceeded(recorder.nanoTime() - startNanos, resumed);
        }
    }

    void fail(ConnectionFailure reason) {
        if (!settled) {
            settled = true;
            recorder.attemptFailed(reason);
        }
    }

    boolean succeeded() {
        return succeeded;
    }
}
