package io.tlslab.tls.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * One CA's name constraints, compiled for matching: permitted and excluded subtrees per name form
 * (RFC 5280 4.2.1.10). Replaces Bouncy Castle's PKIXNameConstraintValidator, whose subtree intersection
 * is quadratic in the number of constraints and which skips wildcards and forms it does not know; every
 * comparison here is linear and charged to the budget by the caller.
 *
 * <p>Malformed constraints make the whole extension {@link #malformed()}: an empty extension, a minimum
 * other than 0 or a maximum (both MUST NOT appear), an IP constraint that is not address + contiguous
 * mask of 8 or 32 octets, an empty or non-LDH DNS constraint, an email or URI constraint that is empty.
 */
final class NameConstraintSet {
    private static final int FORMS = 9;

    /** A DNS / email-domain / URI-host subtree: the name itself (unless {@code subdomainsOnly}) and below. */
    private record Domain(String name, boolean subdomainsOnly) {
        boolean contains(String host) {
            if (host.equals(name)) {
                return !subdomainsOnly;
            }
            return host.length() > name.length()
                    && host.endsWith(name)
                    && host.charAt(host.length() - name.length() - 1) == '.';
        }

        /** Every name {@code *.base} covers lies in this subtree. */
        boolean containsAllOfWildcard(String base) {
            return contains(base) || base.equals(name);
        }

        /** Some name {@code *.base} covers lies in this subtree. */
        boolean containsAnyOfWildcard(String base) {
            if (containsAllOfWildcard(base)) {
                return true;
            }
            int dot = name.indexOf('.');
            return !subdomainsOnly && dot > 0 && name.substring(dot + 1).equals(base);
        }
    }

    private record IpRange(byte[] address, byte[] mask) {
        boolean contains(byte[] ip) {
            if (ip.length != address.length) {
                return false;
            }
            for (int k = 0; k < ip.length; k++) {
                if ((ip[k] & mask[k]) != (address[k] & mask[k])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<List<Object>> permitted = new ArrayList<>(FORMS);
    private final List<List<Object>> excluded = new ArrayList<>(FORMS);
    private String malformed;

    private NameConstraintSet(NameConstraints constraints) {
        for (int form = 0; form < FORMS; form++) {
            permitted.add(new ArrayList<>(0));
            excluded.add(new ArrayList<>(0));
        }
        GeneralSubtree[] p = constraints.getPermittedSubtrees();
        GeneralSubtree[] x = constraints.getExcludedSubtrees();
        if ((p == null || p.length == 0) && (x == null || x.length == 0)) {
            malformed = "neither permitted nor excluded subtrees (RFC 5280 4.2.1.10: MUST NOT be empty)";
            return;
        }
        compile(p, permitted);
        compile(x, excluded);
    }

    static NameConstraintSet of(DecodedCertificate ca) {
        NameConstraintSet compiled = ca.compiledNameConstraints;
        if (compiled == null) {
            compiled = new NameConstraintSet(ca.nameConstraints); // two threads may both compile: same result
            ca.compiledNameConstraints = compiled;
        }
        return compiled;
    }

    /** Why the extension cannot be applied, or null. */
    String malformed() {
        return malformed;
    }

    /** How many constraints a name of this form is compared with. */
    int count(int form) {
        return form < FORMS ? permitted.get(form).size() + excluded.get(form).size() : 0;
    }

    /** Describes how {@code name} breaks these constraints, or null when it does not. */
    String violation(GeneralName name) {
        int form = name.getTagNo();
        List<Object> allowed = permitted.get(form);
        List<Object> denied = excluded.get(form);
        if (allowed.isEmpty() && denied.isEmpty()) {
            return null;
        }
        return switch (form) {
            case GeneralName.dNSName -> dns(NameConstraintsCheck.ia5(name), allowed, denied);
            case GeneralName.iPAddress -> ip(NameConstraintsCheck.octets(name), allowed, denied);
            case GeneralName.directoryName -> directory(NameConstraintsCheck.directoryName(name), allowed, denied);
            case GeneralName.rfc822Name -> email(NameConstraintsCheck.ia5(name), allowed, denied);
            case GeneralName.uniformResourceIdentifier -> uri(NameConstraintsCheck.ia5(name), allowed, denied);
            default -> "name of form " + form + " cannot be evaluated against the constraints on that form";
        };
    }

    private static String dns(String text, List<Object> allowed, List<Object> denied) {
        if (text == null || DnsNames.syntaxProblem(text, true) != null) {
            return "DNS name '" + text + "' cannot be evaluated (not a valid host name)";
        }
        String host = text.toLowerCase(Locale.ROOT);
        boolean wildcard = host.startsWith("*.");
        String base = wildcard ? host.substring(2) : host;
        for (Object o : denied) {
            Domain d = (Domain) o;
            if (wildcard ? d.containsAnyOfWildcard(base) : d.contains(host)) {
                return "DNS:" + text + " lies in excluded subtree " + d.name();
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        for (Object o : allowed) {
            Domain d = (Domain) o;
            if (wildcard ? d.containsAllOfWildcard(base) : d.contains(host)) {
                return null;
            }
        }
        return "DNS:" + text + " lies outside every permitted subtree";
    }

    private static String ip(byte[] address, List<Object> allowed, List<Object> denied) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            return "IP address of " + (address == null ? 0 : address.length) + " octets cannot be evaluated";
        }
        String text = HexIp.format(address);
        for (Object o : denied) {
            if (((IpRange) o).contains(address)) {
                return "IP:" + text + " lies in an excluded range";
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        for (Object o : allowed) {
            if (((IpRange) o).contains(address)) {
                return null;
            }
        }
        return "IP:" + text + " lies outside every permitted range";
    }

    private static String directory(X500Name name, List<Object> allowed, List<Object> denied) {
        if (name == null) {
            return "directory name cannot be evaluated";
        }
        for (Object o : denied) {
            if (within(name, (X500Name) o)) {
                return "DN:" + name + " lies in excluded subtree " + o;
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        for (Object o : allowed) {
            if (within(name, (X500Name) o)) {
                return null;
            }
        }
        return "DN:" + name + " lies outside every permitted subtree";
    }

    /** The subtree's RDNs are a prefix of the name's (compared as RFC 5280 7.1 / RFC 4518 say, via BC). */
    private static boolean within(X500Name name, X500Name subtree) {
        RDN[] n = name.getRDNs();
        RDN[] s = subtree.getRDNs();
        if (s.length > n.length) {
            return false;
        }
        for (int k = 0; k < s.length; k++) {
            if (!IETFUtils.rDNAreEqual(n[k], s[k])) {
                return false;
            }
        }
        return true;
    }

    private static String email(String mailbox, List<Object> allowed, List<Object> denied) {
        int at = mailbox == null ? -1 : mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            return "email address '" + mailbox + "' cannot be evaluated";
        }
        String host = mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
        String full = mailbox.substring(0, at) + "@" + host;
        for (Object o : denied) {
            if (emailMatches((String) o, full, host)) {
                return "email:" + mailbox + " lies in excluded subtree " + o;
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        for (Object o : allowed) {
            if (emailMatches((String) o, full, host)) {
                return null;
            }
        }
        return "email:" + mailbox + " lies outside every permitted subtree";
    }

    /** RFC 5280 4.2.1.10: a mailbox, all mailboxes at one host, or (leading dot) at any host of a domain. */
    private static boolean emailMatches(String constraint, String mailbox, String host) {
        if (constraint.indexOf('@') >= 0) {
            int at = constraint.lastIndexOf('@');
            return mailbox.equals(constraint.substring(0, at) + "@" + constraint.substring(at + 1));
        }
        if (constraint.startsWith(".")) {
            return host.endsWith(constraint);
        }
        return host.equals(constraint);
    }

    private static String uri(String text, List<Object> allowed, List<Object> denied) {
        String host = null;
        try {
            host = text == null ? null : new URI(text).getHost();
        } catch (URISyntaxException e) {
            host = null;
        }
        if (host == null || host.isEmpty() || HostnameMatcher.ipLiteral(host) != null) {
            return "URI '" + text + "' has no host name and cannot be evaluated";
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (Object o : denied) {
            if (uriMatches((String) o, h)) {
                return "URI:" + text + " lies in excluded subtree " + o;
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        for (Object o : allowed) {
            if (uriMatches((String) o, h)) {
                return null;
            }
        }
        return "URI:" + text + " lies outside every permitted subtree";
    }

    /** RFC 5280 4.2.1.10: a host, or (leading dot) any host below a domain. */
    private static boolean uriMatches(String constraint, String host) {
        return constraint.startsWith(".") ? host.endsWith(constraint) : host.equals(constraint);
    }

    private void compile(GeneralSubtree[] subtrees, List<List<Object>> into) {
        if (subtrees == null) {
            return;
        }
        for (GeneralSubtree subtree : subtrees) {
            if (malformed != null) {
                return;
            }
            if (subtree.getMinimum() != null && subtree.getMinimum().signum() != 0 || subtree.getMaximum() != null) {
                malformed = "a subtree with minimum/maximum (RFC 5280 4.2.1.10: minimum MUST be 0, maximum absent)";
                return;
            }
            GeneralName base = subtree.getBase();
            int form = base.getTagNo();
            Object compiled = switch (form) {
                case GeneralName.dNSName -> domain(NameConstraintsCheck.ia5(base));
                case GeneralName.iPAddress -> ipRange(NameConstraintsCheck.octets(base));
                case GeneralName.directoryName -> NameConstraintsCheck.directoryName(base);
                case GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier ->
                    lowerNonEmpty(NameConstraintsCheck.ia5(base));
                default -> Boolean.TRUE; // a form tlslab cannot evaluate: any name of that form is refused
            };
            if (compiled == null) {
                malformed = "constraint " + base + " is not well-formed";
                return;
            }
            into.get(form).add(compiled);
        }
    }

    private static Domain domain(String text) {
        if (text == null) {
            return null;
        }
        boolean subdomainsOnly = text.startsWith(".");
        String name = (subdomainsOnly ? text.substring(1) : text).toLowerCase(Locale.ROOT);
        return DnsNames.syntaxProblem(name, false) == null ? new Domain(name, subdomainsOnly) : null;
    }

    private static IpRange ipRange(byte[] octets) {
        if (octets == null || (octets.length != 8 && octets.length != 32)) {
            return null;
        }
        int half = octets.length / 2;
        byte[] address = java.util.Arrays.copyOfRange(octets, 0, half);
        byte[] mask = java.util.Arrays.copyOfRange(octets, half, octets.length);
        boolean zeros = false;
        for (byte b : mask) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (b >> bit & 1) == 1;
                if (one && zeros) {
                    return null; // not a contiguous prefix mask
                }
                zeros |= !one;
            }
        }
        return new IpRange(address, mask);
    }

    private static String lowerNonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text.toLowerCase(Locale.ROOT);
    }

    /** Address text for messages. */
    private static final class HexIp {
        static String format(byte[] a) {
            try {
                return java.net.InetAddress.getByAddress(a).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return java.util.HexFormat.of().formatHex(a);
            }
        }
    }
}
