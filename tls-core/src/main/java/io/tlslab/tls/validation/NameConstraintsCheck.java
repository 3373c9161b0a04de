package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Name constraints of every CA in the path applied to every certificate below it (RFC 5280 4.2.1.10,
 * 6.1.3 (b)/(c)). Each CA's constraints are checked on their own: a name must lie in one of each CA's
 * permitted subtrees of its form (when that CA permits any of the form) and in none of its excluded ones,
 * which is what intersecting them along the path amounts to.
 *
 * <p>Names checked: the subject DN (and its legacy emailAddress), every SAN, and, for a leaf without DNS
 * SANs, its CN as a DNS name (so a CN-only certificate cannot dodge a DNS constraint). A wildcard SAN is
 * the set of names it covers: permitted only when all of them are, excluded when any of them is. A name
 * the validator cannot evaluate under a constraint of its form (otherName, x400Address, ediPartyName,
 * registeredID, a malformed IP or DNS name, a URI without a host) is a violation, as RFC 5280 requires.
 * Constraints are {@link NameConstraintSet compiled} once per CA; every name x same-form constraint
 * comparison is charged to the {@link WorkBudget} before it is made.
 */
final class NameConstraintsCheck {
    private NameConstraintsCheck() {}

    static void check(ValidationRun run, List<X509Certificate> path, List<Finding> findings) {
        for (int i = 1; i < path.size(); i++) {
            DecodedCertificate ca = run.facts(path.get(i));
            if (ca.nameConstraintsUndecodable && i == path.size() - 1) {
                findings.add(new Finding(
                        ReasonCode.NAME_CONSTRAINTS, ca.subjectText() + " has unparseable name constraints", i));
                continue; // below the anchor the decoding problem is already a finding
            }
            if (ca.nameConstraints == null) {
                continue;
            }
            NameConstraintSet constraints = NameConstraintSet.of(ca);
            if (constraints.malformed() != null) {
                findings.add(new Finding(
                        ReasonCode.NAME_CONSTRAINTS,
                        ca.subjectText() + " has malformed name constraints: " + constraints.malformed(),
                        i));
                continue;
            }
            for (int j = 0; j < i; j++) {
                // RFC 5280 6.1.3: self-issued intermediates are exempt, the leaf never is
                if (j > 0 && run.facts(path.get(j)).selfIssued()) {
                    continue;
                }
                List<GeneralName> names = namesOf(run.facts(path.get(j)), j == 0);
                long comparisons = 0;
                for (GeneralName name : names) {
                    comparisons += constraints.count(name.getTagNo());
                }
                run.budget.chargeComparisons(comparisons);
                for (GeneralName name : names) {
                    String violation = constraints.violation(name);
                    if (violation != null) {
                        findings.add(new Finding(
                                ReasonCode.NAME_CONSTRAINTS,
                                violation + " of " + run.facts(path.get(j)).subjectText() + " (constraints of "
                                        + ca.subjectText() + ")",
                                j));
                        break;
                    }
                }
            }
        }
    }

    private static List<GeneralName> namesOf(DecodedCertificate f, boolean leaf) {
        List<GeneralName> names = new ArrayList<>();
        if (f.subject().getRDNs().length > 0) {
            names.add(new GeneralName(f.subject()));
            for (RDN rdn : f.subject().getRDNs()) {
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    if (atv.getType().equals(BCStyle.EmailAddress) && atv.getValue() instanceof ASN1String s) {
                        names.add(new GeneralName(GeneralName.rfc822Name, s.getString()));
                    }
                }
            }
        }
        boolean hasDns = false;
        if (f.subjectAltNames != null) {
            for (GeneralName n : f.subjectAltNames) {
                names.add(n);
                hasDns |= n.getTagNo() == GeneralName.dNSName;
            }
        }
        if (leaf && !hasDns && !f.sanUndecodable) {
            for (String cn : f.commonNames()) {
                String dns = HostnameMatcher.normalise(cn);
                if (HostnameMatcher.ipLiteral(cn) == null && dns != null) {
                    names.add(new GeneralName(GeneralName.dNSName, dns));
                }
            }
        }
        return names;
    }

    /** The text of a DNS / email / URI name, or null when it is not an IA5String. */
    static String ia5(GeneralName name) {
        try {
            return ASN1IA5String.getInstance(name.getName()).getString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] octets(GeneralName name) {
        try {
            return ASN1OctetString.getInstance(name.getName()).getOctets();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static X500Name directoryName(GeneralName name) {
        try {
            return X500Name.getInstance(name.getName());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
