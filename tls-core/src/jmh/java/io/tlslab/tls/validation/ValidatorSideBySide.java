package io.tlslab.tls.validation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side companion of {@link ValidatorBenchmark} for a shared, noisy machine: alternates short
 * slices of tlslab and of the JDK on one thread, so both see the same background load, and reports the
 * median throughput of each and the median of the per-round ratios. Bounded: a fixed number of rounds
 * of fixed length per case. Two ratios per row: with the certificate factory's parse of the chain (both
 * contenders pay it, as in a handshake), and of the validation alone (the trust manager's part: the
 * parse happens outside the timed calls, which are timed one by one). A third ratio divides the work by
 * this thread's CPU time instead of the wall clock (parse included): on a shared machine a slice loses
 * wall time whenever the scheduler runs someone else, but not CPU time, so this ratio is the steadier
 * one when the load average exceeds the core count (it still feels shared caches and hyper-threads).
 *
 * <p>Each chain kind in four inputs: "cold" and "repeated" get certificates the JDK's factory has parsed
 * (the JDK engine's handshake), the "-unparsed" rows Netty's lazily parsed certificates over the same bytes
 * (the OpenSSL engine's handshake, tlslab's default), where "parse included" means whoever needs the
 * JDK's parse pays it inside the validation.
 *
 * <p>Usage: {@code ValidatorSideBySide [rounds] [sliceMillis] [KIND,...]} (defaults 30, 250 and every
 * {@link BenchmarkChains.Kind}).
 */
public final class ValidatorSideBySide {
    private interface Contender {
        boolean run(List<X509Certificate> chain) throws Exception;
    }

    private interface Chains {
        List<X509Certificate> next() throws Exception;
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ValidatorSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 250) * 1_000_000L;
        System.out.printf(Locale.ROOT, "java %s, %d rounds x %d ms per contender, 1 thread, tlslab signatures: %s%n",
                System.getProperty("java.version"), rounds, sliceNanos / 1_000_000,
                new CertificateValidator(TrustAnchors.of(List.of())).signatureProvider());
        System.out.printf(Locale.ROOT, "%-15s %-17s %14s %14s %14s %16s %12s%n", "chain", "certs", "tlslab ops/s",
                "jdk ops/s", "tlslab/jdk", "validate only", "cpu time");
        List<BenchmarkChains.Kind> kinds = new ArrayList<>();
        if (args.length > 2) {
            for (String k : args[2].split(",")) {
                kinds.add(BenchmarkChains.Kind.valueOf(k.trim()));
            }
        } else {
            kinds.addAll(List.of(BenchmarkChains.Kind.values()));
        }
        for (BenchmarkChains.Kind kind : kinds) {
            BenchmarkChains chains = new BenchmarkChains(kind, BenchmarkChains.COLD_CHAINS);
            for (String mode : List.of("cold", "repeated", "cold-unparsed", "repeated-unparsed")) {
                boolean cold = mode.startsWith("cold");
                Chains next = switch (mode) {
                    case "cold" -> chains::cold;
                    case "repeated" -> chains::repeated;
                    case "cold-unparsed" -> chains::coldUnparsed;
                    default -> chains::repeatedUnparsed;
                };
                Contender tlslab = chain -> chains.tlslab(chain, cold);
                Contender jdk = chains::jdk;
                for (int i = 0; i < 8; i++) { // warm-up: JIT both paths before measuring
                    rate(next, tlslab, sliceNanos);
                    rate(next, jdk, sliceNanos);
                }
                List<Double> ours = new ArrayList<>();
                List<Double> theirs = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                List<Double> validateRatios = new ArrayList<>();
                List<Double> cpuRatios = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    boolean tlslabFirst = r % 2 == 0; // alternate the order so neither always runs first
                    double[] a = tlslabFirst ? rate(next, tlslab, sliceNanos) : null;
                    double[] b = rate(next, jdk, sliceNanos);
                    if (!tlslabFirst) {
                        a = rate(next, tlslab, sliceNanos);
                    }
                    ours.add(a[0]);
                    theirs.add(b[0]);
                    ratios.add(a[0] / b[0]);
                    validateRatios.add(a[1] / b[1]);
                    cpuRatios.add(a[2] / b[2]);
                }
                System.out.printf(Locale.ROOT, "%-15s %-17s %14.0f %14.0f %14.2f %16.2f %12.2f%n", kind, mode,
                        median(ours), median(theirs), median(ratios), median(validateRatios), median(cpuRatios));
            }
        }
    }

    /** {ops/s including the parse, ops/s of the validation calls alone, ops per CPU second including the parse}. */
    private static double[] rate(Chains chains, Contender contender, long sliceNanos) throws Exception {
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + sliceNanos;
        long ops = 0;
        long validating = 0;
        long now;
        do {
            List<X509Certificate> chain = chains.next();
            long before = System.nanoTime();
            contender.run(chain);
            now = System.nanoTime();
            validating += now - before;
            ops++;
        } while (now < end);
        long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
        return new double[] {ops * 1e9 / (now - start), ops * 1e9 / validating, ops * 1e9 / cpu};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
