package io.tlslab.tls.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side companion of {@link ValidatorBenchmark} for a shared, noisy machine: alternates short
 * slices of tlslab and of the JDK on one thread, so both see the same background load, and reports the
 * median throughput of each and the median of the per-round ratios. Bounded: a fixed number of rounds
 * of fixed length per case.
 *
 * <p>Usage: {@code ValidatorSideBySide [rounds] [sliceMillis] [KIND,...]} (defaults 30, 250 and every
 * {@link BenchmarkChains.Kind}).
 */
public final class ValidatorSideBySide {
    private interface Contender {
        boolean run() throws Exception;
    }

    private ValidatorSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 250) * 1_000_000L;
        System.out.printf(Locale.ROOT, "java %s, %d rounds x %d ms per contender, 1 thread, tlslab signatures: %s%n",
                System.getProperty("java.version"), rounds, sliceNanos / 1_000_000,
                new CertificateValidator(TrustAnchors.of(List.of())).signatureProvider());
        System.out.printf(Locale.ROOT, "%-15s %-8s %14s %14s %14s%n", "chain", "certs", "tlslab ops/s", "jdk ops/s",
                "tlslab/jdk");
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
            for (String mode : List.of("cold", "repeated")) {
                boolean cold = mode.equals("cold");
                Contender tlslab = () -> chains.tlslab(cold ? chains.cold() : chains.repeated(), cold);
                Contender jdk = () -> chains.jdk(cold ? chains.cold() : chains.repeated());
                for (int i = 0; i < 8; i++) { // warm-up: JIT both paths before measuring
                    rate(tlslab, sliceNanos);
                    rate(jdk, sliceNanos);
                }
                List<Double> ours = new ArrayList<>();
                List<Double> theirs = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    boolean tlslabFirst = r % 2 == 0; // alternate the order so neither always runs first
                    double a = tlslabFirst ? rate(tlslab, sliceNanos) : 0;
                    double b = rate(jdk, sliceNanos);
                    if (!tlslabFirst) {
                        a = rate(tlslab, sliceNanos);
                    }
                    ours.add(a);
                    theirs.add(b);
                    ratios.add(a / b);
                }
                System.out.printf(Locale.ROOT, "%-15s %-8s %14.0f %14.0f %14.2f%n", kind, mode, median(ours),
                        median(theirs), median(ratios));
            }
        }
    }

    private static double rate(Contender contender, long sliceNanos) throws Exception {
        long start = System.nanoTime();
        long end = start + sliceNanos;
        long ops = 0;
        long now;
        do {
            contender.run();
            ops++;
            now = System.nanoTime();
        } while (now < end);
        return ops * 1e9 / (now - start);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
