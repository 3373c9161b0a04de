package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ValidationProfile;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Does a certificate name the host the endpoint dialled (SPEC §5, RFC 6125)?
 * <ul>
 * <li>IP literal: only IP SANs count, byte for byte (so {@code ::1} equals {@code 0:0:0:0:0:0:0:1}).</li>
 * <li>DNS name: DNS SANs; the subject CN only when the certificate has no DNS SAN at all.</li>
 * <li>A wildcard is exactly one whole left-most label {@code *} and covers exactly one label.</li>
 * <li>Case-insensitive, one trailing dot ignored, internationalised names compared in their ASCII
 *     (punycode) form.</li>
 * </ul>
 */
public final class HostnameMatcher {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.]+)?]?");

    private HostnameMatcher() {}

    /** The article profile's rule: the CN counts when there is no DNS SAN. */
    public static boolean matches(X509Certificate certificate, String dialledHost) {
        return matches(DecodedCertificate.of(certificate), dialledHost, ValidationProfile.ARTICLE);
    }

    /**
     * @param profile under {@link ValidationProfile#WEBPKI} only SANs name the host, never the CN
     */
    static boolean matches(DecodedCertificate leaf, String dialledHost, ValidationProfile profile) {
        if (leaf.sanUndecodable) {
            return false; // a SAN that does not decode is not "no SAN": the CN must not stand in for it
        }
        byte[] ip = ipLiteral(dialledHost);
        if (ip != null) {
            for (byte[] sanBytes : ipSans(leaf)) {
                if (java.util.Arrays.equals(ip, sanBytes)) {
                    return true;
                }
            }
            return false;
        }
        String host = normalise(dialledHost);
        if (host == null) {
            return false;
        }
        List<String> dnsNames = dnsSans(leaf);
        if (!dnsNames.isEmpty()) {
            for (String name : dnsNames) {
                if (nameMatches(name, host)) {
                    return true;
                }
            }
            return false;
        }
        if (profile == ValidationProfile.WEBPKI) {
            return false;
        }
        List<String> commonNames = leaf.commonNames();
        return !commonNames.isEmpty() && nameMatches(commonNames.get(0), host);
    }

    /**
     * The webpki naming rules (CA/B Forum BR 7.1.2.7.12 and 7.1.4.3): the leaf has a SAN, and each CN is a
     * character-for-character copy of one DNS SAN (no case folding, no U-label for an A-label) or the
     * canonical text of one IP SAN (dotted decimal, RFC 5952 for IPv6). Null when the leaf keeps them.
     */
    static String webPkiNameProblem(DecodedCertificate leaf) {
        if (leaf.subjectAltNames == null) {
            return leaf.sanUndecodable
                    ? null
                    : "the leaf has no subject alternative name; webpki names hosts by SAN only";
        }
        List<String> dns = dnsSans(leaf);
        for (String cn : leaf.commonNames()) {
            boolean found = dns.contains(cn);
            for (byte[] ip : ipSans(leaf)) {
                found |= ip.length == 4 || ip.length == 16 ? canonicalIp(ip).equals(cn) : false;
            }
            if (!found) {
                return "the leaf's CN '" + cn + "' is not an exact copy of one of its SANs "
                        + namesOf(leaf, ValidationProfile.WEBPKI);
            }
        }
        return null;
    }

    private static String canonicalIp(byte[] address) {
        try {
            return com.google.common.net.InetAddresses.toAddrString(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            return "";
        }
    }

    static List<String> dnsSans(DecodedCertificate f) {
        return f.dnsNames();
    }

    static List<byte[]> ipSans(DecodedCertificate f) {
        List<byte[]> addresses = new java.util.ArrayList<>(1);
        if (f.subjectAltNames != null) {
            for (org.bouncycastle.asn1.x509.GeneralName n : f.subjectAltNames) {
                if (n.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.iPAddress) {
                    addresses.add(NameConstraintsCheck.octets(n));
                }
            }
        }
        return addresses;
    }

    /**
     * The names {@link #matches} considers, for a mismatch message: {@code [DNS:a, IP:10.0.0.1]}, or
     * {@code [CN:a]} when the certificate has no DNS SAN (article profile).
     */
    public static String namesOf(X509Certificate certificate) {
        return namesOf(DecodedCertificate.of(certificate), ValidationProfile.ARTICLE);
    }

    static String namesOf(DecodedCertificate f, ValidationProfile profile) {
        List<String> names = new java.util.ArrayList<>();
        for (String dns : dnsSans(f)) {
            names.add("DNS:" + dns);
        }
        boolean noDns = names.isEmpty();
        for (byte[] ip : ipSans(f)) {
            names.add("IP:" + (ip.length == 4 || ip.length == 16 ? canonicalIp(ip) : "(malformed)"));
        }
        if (noDns && profile == ValidationProfile.ARTICLE && !f.sanUndecodable) {
            List<String> cns = f.commonNames();
            if (!cns.isEmpty()) {
                names.add("CN:" + cns.get(0));
            }
        }
        return names.toString();
    }

    /** Matches one certificate name (possibly {@code *.rest}) against an already normalised host. */
    static boolean nameMatches(String certificateName, String normalisedHost) {
        String pattern = normalise(certificateName);
        if (pattern == null) {
            return false;
        }
        if (pattern.startsWith("*.")) {
            String rest = pattern.substring(2);
            int firstDot = normalisedHost.indexOf('.');
            return !rest.isEmpty()
                    && rest.indexOf('*') < 0
                    && firstDot > 0
                    && normalisedHost.substring(firstDot + 1).equals(rest);
        }
        // '*' anywhere else (partial label "f*o", or deeper label) is not a wildcard tlslab honours
        return pattern.indexOf('*') < 0 && pattern.equals(normalisedHost);
    }

    /** Lower-case ASCII form without a trailing dot; null when empty or not a valid name. */
    static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.startsWith(".") || n.contains("..")) {
            return null;
        }
        if (!isAscii(n)) {
            try {
                n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** A plain loop: this runs for every SAN of every validation. */
    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The address bytes if {@code text} is an IPv4 or IPv6 literal (brackets allowed), else null.
     * Checked against a pattern first so {@link InetAddress#getByName} never performs a DNS lookup.
     */
    private static boolean digitsAndDots(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    public static byte[] ipLiteral(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.indexOf(':') < 0 && !digitsAndDots(t)) {
            return null; // a DNS name: neither pattern can match (the common case, without the regexes)
        }
        if (IPV4.matcher(t).matches()) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(t).matches()) {
            return null;
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
