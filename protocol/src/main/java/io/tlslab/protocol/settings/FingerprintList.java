package io.tlslab.protocol.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The value of {@code trustedFingerprints}: comma-delimited fingerprints. A malformed entry rejects
 * the whole value (SPEC §2), so an admin never ends up with half an allowlist.
 */
public final class FingerprintList {
    private static final FingerprintList EMPTY = new FingerprintList(Set.of());

    private final Set<Fingerprint> fingerprints;

    private FingerprintList(Set<Fingerprint> fingerprints) {
        this.fingerprints = fingerprints;
    }

    public static FingerprintList empty() {
        return EMPTY;
    }

    public static FingerprintList of(Fingerprint... fingerprints) {
        return new FingerprintList(Collections.unmodifiableSet(new LinkedHashSet<>(List.of(fingerprints))));
    }

    /**
     * Parses {@code fp[,fp...]}; blank means empty.
     *
     * @throws IllegalArgumentException for the first malformed entry, with its position
     */
    public static FingerprintList parse(String value) {
        if (value == null || value.isBlank()) {
            return EMPTY;
        }
        String[] parts = value.split(",", -1);
        Set<Fingerprint> result = new LinkedHashSet<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new IllegalArgumentException("fingerprint list entry " + (i + 1) + " is empty");
            }
            try {
                result.add(Fingerprint.parse(parts[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fingerprint list entry " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new FingerprintList(Collections.unmodifiableSet(result));
    }

    public Set<Fingerprint> fingerprints() {
        return fingerprints;
    }

    public boolean isEmpty() {
        return fingerprints.isEmpty();
    }

    /** True if the DER-encoded certificate's SHA-1 or SHA-256 fingerprint is listed. */
    public boolean matches(byte[] certificateDer) {
        if (fingerprints.isEmpty()) {
            return false;
        }
        boolean anySha1 = false;
        boolean anySha256 = false;
        for (Fingerprint f : fingerprints) {
            anySha1 |= f.algorithm() == Fingerprint.Algorithm.SHA1;
            anySha256 |= f.algorithm() == Fingerprint.Algorithm.SHA256;
        }
        return (anySha1 && fingerprints.contains(Fingerprint.sha1(certificateDer)))
                || (anySha256 && fingerprints.contains(Fingerprint.sha256(certificateDer)));
    }

    public List<Fingerprint> asList() {
        return new ArrayList<>(fingerprints);
    }

    /** Canonical form: comma-separated colon hex, the form stored and shown by {@code prop.show}. */
    @Override
    public String toString() {
        return fingerprints.stream().map(Fingerprint::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FingerprintList l && l.fingerprints.equals(fingerprints);
    }

    @Override
    public int hashCode() {
        return fingerprints.hashCode();
    }
}
