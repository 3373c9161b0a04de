package io.tlslab.tls.validation;

/**
 * The "preferred name syntax" of RFC 5280 4.2.1.6 / RFC 1034 3.5 for DNS names in certificates: LDH labels
 * (letters, digits, hyphen; no underscore), 1-63 octets, not starting or ending with a hyphen, at most 253
 * octets in all, ASCII only (an internationalised name appears as its A-label, RFC 5890). Hand-written
 * because it is a dozen lines and no library states exactly this rule (IDN and Guava accept underscores).
 */
final class DnsNames {
    private DnsNames() {}

    /**
     * @param wildcardAllowed a left-most label of exactly {@code *} is accepted (a server certificate's SAN)
     * @return what is wrong, or null when {@code name} is a valid host name
     */
    static String syntaxProblem(String name, boolean wildcardAllowed) {
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.length() > 253) {
            return "longer than 253 characters";
        }
        int labelStart = 0;
        for (int k = 0; k <= name.length(); k++) {
            if (k < name.length() && name.charAt(k) != '.') {
                continue;
            }
            String problem = labelProblem(name, labelStart, k, wildcardAllowed && labelStart == 0 && k < name.length());
            if (problem != null) {
                return problem;
            }
            labelStart = k + 1;
        }
        return null;
    }

    /** One label, name[from, to); a plain loop because this runs for every SAN of every validation. */
    private static String labelProblem(String name, int from, int to, boolean wildcardAllowed) {
        int length = to - from;
        if (length == 0) {
            return "empty label";
        }
        if (wildcardAllowed && length == 1 && name.charAt(from) == '*') {
            return null;
        }
        if (length > 63) {
            return "label longer than 63 characters";
        }
        if (name.charAt(from) == '-' || name.charAt(to - 1) == '-') {
            return "label starts or ends with '-'";
        }
        for (int k = from; k < to; k++) {
            char ch = name.charAt(k);
            boolean ldh = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
            if (!ldh) {
                return "character '" + ch + "' is not a letter, digit or hyphen";
            }
        }
        return null;
    }
}
