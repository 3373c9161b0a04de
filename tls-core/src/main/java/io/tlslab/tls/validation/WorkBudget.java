package io.tlslab.tls.validation;

/**
 * The work one validation may do, so that no served chain can stall an endpoint (issue 14): candidate
 * paths evaluated, signatures verified, name-constraint comparisons (name x constraint of the same form;
 * Go's crypto/x509 allows 250,000). Work is charged <em>before</em> it is done, so an input that would
 * exceed a limit costs nothing beyond the charge; exhaustion unwinds the search with {@link Exhausted}
 * and the verdict is {@code TOO_COMPLEX}. One instance per validation, not thread-safe.
 */
final class WorkBudget {
    static final int MAX_PATHS = 64;
    static final int MAX_SIGNATURES = 100;
    static final long MAX_NAME_COMPARISONS = 250_000;

    /** Thrown when a limit would be exceeded; carries which one, for the finding's detail. */
    static final class Exhausted extends RuntimeException {
        Exhausted(String what) {
            super(what, null, false, false);
        }
    }

    private final int maxPaths;
    private final int maxSignatures;
    private final long maxComparisons;
    private int paths;
    private int signatures;
    private long comparisons;

    WorkBudget() {
        this(MAX_PATHS, MAX_SIGNATURES, MAX_NAME_COMPARISONS);
    }

    WorkBudget(int maxPaths, int maxSignatures, long maxComparisons) {
        this.maxPaths = maxPaths;
        this.maxSignatures = maxSignatures;
        this.maxComparisons = maxComparisons;
    }

    void chargePath() {
        if (paths >= maxPaths) {
            throw new Exhausted("more than " + maxPaths + " candidate paths");
        }
        paths++;
    }

    void chargeSignature() {
        if (signatures >= maxSignatures) {
            throw new Exhausted("more than " + maxSignatures + " signature verifications");
        }
        signatures++;
    }

    void chargeComparisons(long count) {
        if (count > maxComparisons - comparisons) {
            throw new Exhausted("more than " + maxComparisons + " name-constraint comparisons (this chain needs "
                    + (comparisons + count) + " so far)");
        }
        comparisons += count;
    }

    int paths() {
        return paths;
    }

    int signatures() {
        return signatures;
    }

    long comparisons() {
        return comparisons;
    }
}
