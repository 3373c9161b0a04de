package io.tlslab.fleet.lab.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one client process with bounds: no stdin, stdout and stderr captured together up to a limit (the
 * rest is read and dropped so the client never blocks on a full pipe), killed with its whole process
 * tree at the timeout.
 */
final class ClientRun {

    /** @param exitCode null when the process timed out or did not start */
    record Result(Integer exitCode, boolean timedOut, String startError, String output, long millis) {}

    private ClientRun() {}

    static Result run(List<String> argv, Path workDir, Duration timeout, int maxOutputBytes)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return new Result(null, false, e.getMessage(), "", elapsed(t0));
        }
        Capture capture = new Capture(process.getInputStream(), maxOutputBytes);
        Thread reader = new Thread(capture, "probe-client-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(2000);
        long millis = elapsed(t0);
        return new Result(finished ? process.exitValue() : null, !finished, null, capture.text(), millis);
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Keeps the first {@code limit} bytes, drains the rest. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean truncated;

        Capture(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (this) {
                        int room = limit - kept.size();
                        kept.write(buf, 0, Math.max(0, Math.min(room, n)));
                        truncated |= n > room;
                    }
                }
            } catch (IOException e) {
                // the process was killed: keep what arrived
            }
        }

        synchronized String text() {
            String s = kept.toString(StandardCharsets.UTF_8);
            return truncated ? s + "\n[output cut at " + limit + " bytes]" : s;
        }
    }
}
