package io.tlslab.tls.validation;

import io.tlslab.protocol.validation.ReasonCode;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Name constraints of every CA in the path applied to every certificate below it (RFC 5280 4.2.1.10).
 * Each CA's constraints are checked on their own: a name must satisfy each CA's permitted subtrees and
 * avoid each CA's excluded ones, which is what intersecting them along the path amounts to. A leaf
 * without DNS SANs has its CN checked as a DNS name, as browsers do, so CN-only certificates cannot
 * dodge a DNS constraint.
 */
final class NameConstraintsCheck {
    private NameConstraintsCheck() {
    }

    static void check(List<X509Certificate> path, List<Finding> findings) {
        for (int i = 1; i < path.size(); i++) {
            byte[] ext = path.get(i).getExtensionValue(Extension.nameConstraints.getId());
            if (ext == null) {
                continue;
            }
            PKIXNameConstraintValidator validator;
            try {
                validator = validatorFor(NameConstraints.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext)));
            } catch (IOException | RuntimeException e) {
                findings.add(new Finding(ReasonCode.NAME_CONSTRAINTS, CertificateNames.subject(path.get(i))
                        + " has unparseable name constraints", i));
                continue;
            }
            for (int j = 0; j < i; j++) {
                // RFC 5280 6.1.3: self-issued intermediates are exempt, the leaf never is
                if (j > 0 && CertificateNames.isSelfIssued(path.get(j))) {
                    continue;
                }
                String violation = firstViolation(validator, path.get(j), j == 0);
                if (violation != null) {
                    findings.add(new Finding(ReasonCode.NAME_CONSTRAINTS, "name " + violation + " of "
                            + CertificateNames.subject(path.get(j)) + " violates the name constraints of "
                            + CertificateNames.subject(path.get(i)), j));
                }
            }
        }
    }

    private static PKIXNameConstraintValidator validatorFor(NameConstraints constraints) {
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
        if (permitted != null) {
            validator.intersectPermittedSubtree(permitted);
        }
        GeneralSubtree[] excluded = constraints.getExcludedSubtrees();
        if (excluded != null) {
            for (GeneralSubtree subtree : excluded) {
                validator.addExcludedSubtree(subtree);
            }
        }
        return validator;
    }

    /** The first name of the certificate outside the constraints, or null. */
    private static String firstViolation(PKIXNameConstraintValidator validator, X509Certificate certificate,
                                         boolean leaf) {
        for (GeneralName name : namesOf(certificate, leaf)) {
            try {
                validator.checkPermitted(name);
                validator.checkExcluded(name);
            } catch (NameConstraintValidatorException e) {
                return describe(name);
            }
        }
        return null;
    }

    private static List<GeneralName> namesOf(X509Certificate certificate, boolean leaf) {
        List<GeneralName> names = new ArrayList<>();
        byte[] subject = certificate.getSubjectX500Principal().getEncoded();
        X500Name subjectName = X500Name.getInstance(subject);
        if (subjectName.getRDNs().length > 0) {
            names.add(new GeneralName(subjectName));
        }
        List<String> dns = CertificateNames.subjectAltNames(certificate, CertificateNames.SAN_DNS);
        for (String d : dns) {
            names.add(new GeneralName(GeneralName.dNSName, d));
        }
        for (String ip : CertificateNames.subjectAltNames(certificate, CertificateNames.SAN_IP)) {
            byte[] address = HostnameMatcher.ipLiteral(ip);
            if (address != null) {
                names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address)));
            }
        }
        if (leaf && dns.isEmpty()) {
            for (String cn : CertificateNames.commonNames(certificate)) {
                if (HostnameMatcher.ipLiteral(cn) == null && HostnameMatcher.normalise(cn) != null) {
                    names.add(new GeneralName(GeneralName.dNSName, HostnameMatcher.normalise(cn)));
                }
            }
        }
        return names;
    }

    private static String describe(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + name.getName();
            case GeneralName.iPAddress -> {
                byte[] a = DEROctetString.getInstance(name.getName()).getOctets();
                try {
                    yield "IP:" + java.net.InetAddress.getByAddress(a).getHostAddress();
                } catch (java.net.UnknownHostException e) {
                    yield "IP:" + java.util.HexFormat.of().formatHex(a);
                }
            }
            case GeneralName.directoryName -> "DN:" + name.getName();
            default -> name.toString();
        };
    }
}
