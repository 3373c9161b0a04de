package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.ca.KeySpec;
import io.tlslab.ca.SignatureAlgorithm;
import io.tlslab.ca.chain.BrokenChains;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import io.tlslab.protocol.validation.ValidationProfile;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The certificate scenario catalogue (SPEC §6): each constant knows how to mint itself for a host,
 * which host the endpoint dials, and what each kind of endpoint ({@link ClientMode}) must conclude.
 *
 * <p>Strict endpoints reject with the stated reason; non-strict and 5.x endpoints accept everything
 * (and audit); allowlisted endpoints (strict + the served leaf's SHA-1 allowlisted) accept
 * everything. The strict reason is stated per {@link ValidationProfile}: most scenarios expect the same
 * under both, a few (CN-only, public-suffix wildcard) are refused by {@code webpki} alone. Expectations
 * come from RFC 5280, RFC 6125/9525 and the CA/Browser Forum Baseline Requirements, never from running
 * a validator; the revocation scenario expects an endpoint configured with the scenario's CRLs.
 */
public enum Scenario {
    VALID_RSA_2048("RSA-2048 leaf <- intermediate <- root, SHA-256", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).build());
        }
    },
    VALID_EC_P256("EC P-256 leaf <- EC intermediate <- EC root, SHA256withECDSA", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return ecChain(w, host, KeySpec.EC_P256);
        }
    },
    VALID_EC_P384("EC P-384 leaf <- EC intermediate <- EC root, SHA384withECDSA", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return ecChain(w, host, KeySpec.EC_P384);
        }
    },
    VALID_SHA384("RSA leaf signed with SHA384withRSA", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .signatureAlgorithm(SignatureAlgorithm.SHA384_WITH_RSA)
                    .build());
        }
    },
    VALID_SHA512("RSA leaf signed with SHA512withRSA", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .signatureAlgorithm(SignatureAlgorithm.SHA512_WITH_RSA)
                    .build());
        }
    },
    WILDCARD("SAN *.host, dialled as node1.host", DialHost.ONE_LABEL_BELOW, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(wildcardLeaf(w, host));
        }
    },
    IP_SAN("SAN IP 127.0.0.1 only, dialled as 127.0.0.1", DialHost.LOOPBACK_IP, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .commonName(ScenarioWorkbench.LOOPBACK_IP)
                    .subjectAlternativeNames(ScenarioWorkbench.LOOPBACK_IP)
                    .build());
        }
    },
    /** RFC 6125 6.4.4 lets the CN count without a DNS SAN (article); BR 7.1.4.3 / 7.1.2.7.12: SANs only (webpki). */
    CN_ONLY("CN=host and no subjectAltName extension", DialHost.HOST, null, ReasonCode.HOSTNAME_MISMATCH) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).subjectAlternativeNames().build());
        }
    },
    SAN_ONLY("SAN host with an empty subject (SAN marked critical)", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).noSubject().build());
        }
    },
    MANY_SANS("100 DNS SANs, host among them", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 99; i++) {
                names.add(String.format(Locale.ROOT, "san-%02d.%s", i, host));
            }
            names.add(50, host); // in the middle, so a matcher must scan, not just look at the ends
            return w.standard(w.leaf(host)
                    .subjectAlternativeNames(names.toArray(String[]::new))
                    .build());
        }
    },
    SELF_SIGNED("self-signed leaf for host (the server default), not trusted", DialHost.HOST, ReasonCode.SELF_SIGNED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate leaf = w.leaf(host, null).build();
            return new ScenarioChain(
                    leaf, List.of(leaf.certificate()), List.of(w.root().certificate()));
        }
    },
    EXPIRED_LEAF("leaf Valid-To yesterday", DialHost.HOST, ReasonCode.EXPIRED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(expiredLeaf(w, host));
        }
    },
    EXPIRED_INTERMEDIATE("intermediate expired 30 days ago", DialHost.HOST, ReasonCode.EXPIRED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.specialIntermediate(
                    "tlslab Expired Intermediate CA",
                    b -> b.validityInterval(
                            w.now().minus(Duration.ofDays(400)), w.now().minus(Duration.ofDays(30))));
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
        }
    },
    EXPIRED_ROOT("the trust anchor itself expired 30 days ago", DialHost.HOST, ReasonCode.EXPIRED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate root = w.ca(
                    "expired root",
                    () -> w.caBuilder(
                                    "tlslab Expired Root CA",
                                    ScenarioWorkbench.EXPIRED_ROOT,
                                    KeySpec.EC_P256,
                                    Duration.ofDays(1))
                            .validityInterval(
                                    w.now().minus(Duration.ofDays(3650)),
                                    w.now().minus(Duration.ofDays(30)))
                            .build());
            HeldCertificate ca = w.ca(
                    "expired root intermediate",
                    () -> w.caBuilder(
                                    "tlslab Intermediate CA (expired root)",
                                    ScenarioWorkbench.SPECIAL_CA,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(root)
                            .build());
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), root, ca);
        }
    },
    NOT_YET_VALID("leaf Valid-From 30 days in the future", DialHost.HOST, ReasonCode.NOT_YET_VALID) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .validityInterval(w.now().plus(Duration.ofDays(30)), w.now().plus(Duration.ofDays(120)))
                    .build());
        }
    },
    UNTRUSTED_ROOT(
            "leaf <- intermediate <- other root; root served but not trusted",
            DialHost.HOST,
            ReasonCode.UNTRUSTED_ROOT) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate other = w.ca(
                    "other root",
                    () -> w.caBuilder(
                                    "tlslab Untrusted Root CA",
                                    ScenarioWorkbench.OTHER_ROOT,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.ROOT_LIFETIME)
                            .build());
            HeldCertificate ca = w.ca(
                    "other root intermediate",
                    () -> w.caBuilder(
                                    "tlslab Intermediate CA (untrusted root)",
                                    ScenarioWorkbench.SPECIAL_CA,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(other)
                            .build());
            HeldCertificate leaf = w.leaf(host, ca).build();
            return new ScenarioChain(
                    leaf,
                    List.of(leaf.certificate(), ca.certificate(), other.certificate()),
                    List.of(w.root().certificate()));
        }
    },
    WRONG_HOST("SAN wrong-host.invalid only", DialHost.HOST, ReasonCode.HOSTNAME_MISMATCH) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .commonName("wrong-host.invalid")
                    .subjectAlternativeNames("wrong-host.invalid")
                    .build());
        }
    },
    WILDCARD_TOO_DEEP(
            "SAN *.host, dialled as a.b.host (a wildcard covers one label)",
            DialHost.TWO_LABELS_BELOW,
            ReasonCode.HOSTNAME_MISMATCH) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(wildcardLeaf(w, host));
        }
    },
    MD5_LEAF("leaf signed with MD5withRSA", DialHost.HOST, ReasonCode.WEAK_ALGORITHM) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .signatureAlgorithm(SignatureAlgorithm.MD5_WITH_RSA)
                    .build());
        }
    },
    MD5_INTERMEDIATE("intermediate signed with MD5withRSA", DialHost.HOST, ReasonCode.WEAK_ALGORITHM) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return weakIntermediate(w, host, "tlslab MD5-signed Intermediate CA", SignatureAlgorithm.MD5_WITH_RSA);
        }
    },
    SHA1_LEAF("leaf signed with SHA1withRSA", DialHost.HOST, ReasonCode.WEAK_ALGORITHM) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .signatureAlgorithm(SignatureAlgorithm.SHA1_WITH_RSA)
                    .build());
        }
    },
    SHA1_INTERMEDIATE("intermediate signed with SHA1withRSA", DialHost.HOST, ReasonCode.WEAK_ALGORITHM) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return weakIntermediate(w, host, "tlslab SHA1-signed Intermediate CA", SignatureAlgorithm.SHA1_WITH_RSA);
        }
    },
    TAMPERED_SIGNATURE("leaf signature bytes altered (DER still parses)", DialHost.HOST, ReasonCode.BAD_SIGNATURE) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate good = w.leaf(host).build();
            HeldCertificate tampered =
                    new HeldCertificate(good.keyPair(), BrokenChains.tamperSignature(good.certificate()));
            return w.standard(tampered);
        }
    },
    INCOMPLETE_CHAIN(
            "server sends the leaf only; its intermediate is known nowhere",
            DialHost.HOST,
            ReasonCode.INCOMPLETE_CHAIN) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate orphan = w.specialIntermediate("tlslab Orphan Intermediate CA", b -> b);
            ScenarioChain full = ScenarioWorkbench.chain(w.leaf(host, orphan).build(), w.root(), orphan);
            return new ScenarioChain(full.leaf(), BrokenChains.leafOnly(full.servedChain()), full.trustAnchors());
        }
    },
    REVERSED_CHAIN("served leaf, root, intermediate (CA certificates in reverse order)", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate leaf = w.leaf(host).build();
            List<X509Certificate> ordered = List.of(
                    leaf.certificate(), w.intermediate().certificate(), w.root().certificate());
            return new ScenarioChain(
                    leaf, BrokenChains.reverseIssuers(ordered), List.of(w.root().certificate()));
        }
    },
    INTERMEDIATE_NOT_CA(
            "issuing certificate has CA:FALSE (an end-entity certificate used as a CA)",
            DialHost.HOST,
            ReasonCode.NOT_CA) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.specialIntermediate("tlslab Not-a-CA Intermediate", b -> b.endEntity());
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
        }
    },
    PATH_LENGTH_EXCEEDED(
            "root <- intermediate A (pathLen 0) <- intermediate B <- leaf", DialHost.HOST, ReasonCode.PATH_TOO_LONG) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate a =
                    w.specialIntermediate("tlslab Intermediate CA A (pathLen 0)", b -> b.certificateAuthority(0));
            HeldCertificate b = w.ca(
                    "path length B",
                    () -> w.caBuilder(
                                    "tlslab Intermediate CA B",
                                    ScenarioWorkbench.SPECIAL_CA_2,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(a)
                            .build());
            return ScenarioWorkbench.chain(w.leaf(host, b).build(), w.root(), b, a);
        }
    },
    LEAF_EKU_CLIENT_AUTH_ONLY("leaf extended key usage clientAuth only", DialHost.HOST, ReasonCode.BAD_KEY_USAGE) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(
                    w.leaf(host).extendedKeyUsage(KeyPurpose.CLIENT_AUTH).build());
        }
    },
    WEAK_RSA_1024("RSA-1024 leaf key", DialHost.HOST, ReasonCode.WEAK_KEY) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host, KeySpec.rsa(1024), w.intermediate()).build());
        }
    },
    NAME_CONSTRAINTS_VIOLATION(
            "intermediate permits only permitted.invalid; leaf is for host",
            DialHost.HOST,
            ReasonCode.NAME_CONSTRAINTS) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.specialIntermediate(
                    "tlslab Name-Constrained Intermediate CA", b -> b.permittedDnsName("permitted.invalid"));
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
        }
    },
    /**
     * RFC 4158 path building: two CA certificates with the same subject and key, one issued by a trusted
     * root that expired (served first), one by the good root. The first path fails on dates; a validator
     * that backtracks finds the second (the 2021 cross-signed root expiry).
     */
    CROSS_SIGNED_EXPIRED_PATH(
            "same CA cross-signed by an expired trusted root (served first) and by the good root",
            DialHost.HOST,
            null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate oldRoot = w.ca(
                    "cross old root",
                    () -> w.caBuilder(
                                    "tlslab Old Root CA (expired)",
                                    ScenarioWorkbench.OLD_ROOT,
                                    KeySpec.EC_P256,
                                    Duration.ofDays(1))
                            .validityInterval(
                                    w.now().minus(Duration.ofDays(3650)),
                                    w.now().minus(Duration.ofDays(30)))
                            .build());
            HeldCertificate viaOld = w.ca(
                    "cross via old root",
                    () -> w.caBuilder(
                                    CROSS_CA,
                                    ScenarioWorkbench.SPECIAL_CA,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(oldRoot)
                            .build());
            HeldCertificate viaGood = w.ca(
                    "cross via good root",
                    () -> w.caBuilder(
                                    CROSS_CA,
                                    ScenarioWorkbench.SPECIAL_CA,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(w.root())
                            .build());
            HeldCertificate leaf = w.leaf(host, viaGood).build();
            return new ScenarioChain(
                    leaf,
                    List.of(leaf.certificate(), viaOld.certificate(), viaGood.certificate()),
                    List.of(oldRoot.certificate(), w.root().certificate()));
        }
    },
    /** Two served CAs with the same subject and different keys: only the second one's key signed the leaf. */
    SAME_SUBJECT_DISTINCT_KEYS(
            "two served CAs named alike with different keys; the second issued the leaf", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate first = w.ca(
                    "twin first",
                    () -> w.caBuilder(
                                    TWIN_CA,
                                    ScenarioWorkbench.SPECIAL_CA,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(w.root())
                            .build());
            HeldCertificate second = w.ca(
                    "twin second",
                    () -> w.caBuilder(
                                    TWIN_CA,
                                    ScenarioWorkbench.SPECIAL_CA_2,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(w.root())
                            .build());
            HeldCertificate leaf = w.leaf(host, second).build();
            return new ScenarioChain(
                    leaf,
                    List.of(leaf.certificate(), first.certificate(), second.certificate()),
                    List.of(w.root().certificate()));
        }
    },
    /**
     * CA A issued by CA B, CA B issued by CA A, leaf issued by A, all served; the trusted root issued
     * neither. Nothing is missing, nothing leads to the anchor: no path to a trusted root (RFC 4158 loop
     * detection), not an incomplete chain.
     */
    ISSUER_CYCLE(
            "served CAs A and B issued each other; no path reaches the trusted root",
            DialHost.HOST,
            ReasonCode.UNTRUSTED_ROOT) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate seedB = w.ca(
                    "cycle seed B",
                    () -> w.caBuilder(
                                    CYCLE_B,
                                    ScenarioWorkbench.CYCLE_B_KEY,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .build());
            HeldCertificate a = w.ca(
                    "cycle A",
                    () -> w.caBuilder(
                                    CYCLE_A,
                                    ScenarioWorkbench.CYCLE_A_KEY,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(seedB)
                            .build());
            HeldCertificate b = w.ca(
                    "cycle B",
                    () -> w.caBuilder(
                                    CYCLE_B,
                                    ScenarioWorkbench.CYCLE_B_KEY,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .signedBy(a)
                            .build());
            HeldCertificate leaf = w.leaf(host, a).build();
            return new ScenarioChain(
                    leaf,
                    List.of(leaf.certificate(), a.certificate(), b.certificate()),
                    List.of(w.root().certificate()));
        }
    },
    /** RFC 5280 4.2: a critical extension the client does not recognise MUST make it reject the certificate. */
    UNKNOWN_CRITICAL_EXTENSION(
            "leaf carries a critical private extension (OID " + Scenario.PRIVATE_OID + ")",
            DialHost.HOST,
            ReasonCode.UNHANDLED_CRITICAL_EXTENSION) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(
                    w.leaf(host).rawExtension(PRIVATE_OID, true, DER_NULL).build());
        }
    },
    /**
     * A subjectAltName whose value is not valid DER, next to CN=host. The SAN is present, so (RFC 6125 6.4.4)
     * the CN must not stand in for it; a name that cannot be read matches nothing.
     */
    UNDECODABLE_SAN("leaf's subjectAltName does not decode; CN=host", DialHost.HOST, ReasonCode.HOSTNAME_MISMATCH) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host)
                    .subjectAlternativeNames()
                    .rawExtension(SAN_OID, false, TRUNCATED_GENERAL_NAMES)
                    .build());
        }
    },
    /**
     * RFC 5280 4.2.1.10: a name in an excluded subtree is invalid. The wildcard {@code *.host} names
     * node1.host, which the issuing CA excludes; the endpoint dials node1.host.
     */
    WILDCARD_UNDER_EXCLUDED_SUBTREE(
            "SAN *.host under a CA that excludes node1.host; dialled as node1.host",
            DialHost.ONE_LABEL_BELOW,
            ReasonCode.NAME_CONSTRAINTS) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.ca(
                    "excluded wildcard CA " + host,
                    () -> w.caBuilder(
                                    "tlslab Wildcard-Excluding Intermediate CA",
                                    ScenarioWorkbench.SPECIAL_CA,
                                    KeySpec.EC_P256,
                                    ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                            .excludedDnsName(DialHost.ONE_LABEL_BELOW.of(host))
                            .signedBy(w.root())
                            .build());
            return ScenarioWorkbench.chain(
                    w.leaf(host, ca)
                            .commonName("*." + host)
                            .subjectAlternativeNames("*." + host)
                            .build(),
                    w.root(),
                    ca);
        }
    },
    /** An intermediate's EKU constrains what it may issue for: clientAuth only cannot vouch for a server. */
    INTERMEDIATE_EKU_CLIENT_AUTH_ONLY(
            "intermediate's extended key usage is clientAuth only", DialHost.HOST, ReasonCode.BAD_KEY_USAGE) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.specialIntermediate(
                    "tlslab clientAuth-only Intermediate CA", b -> b.extendedKeyUsage(KeyPurpose.CLIENT_AUTH));
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
        }
    },
    /** The leaf's serial is on a current CRL its issuer signed (RFC 5280 6.3); the endpoint has that CRL. */
    REVOKED_LEAF(
            "leaf revoked by a CRL of its issuer (crl.pem, to configure on the endpoint)",
            DialHost.HOST,
            ReasonCode.REVOKED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate leaf = w.leaf(host).build();
            java.security.cert.X509CRL crl = io.tlslab.ca.RevocationList.issue(
                    w.intermediate(),
                    List.of(leaf.certificate().getSerialNumber()),
                    w.now().minus(ScenarioWorkbench.CLOCK_SKEW),
                    w.now().plus(Duration.ofDays(7)),
                    BigInteger.ONE);
            ScenarioChain standard = w.standard(leaf);
            return new ScenarioChain(leaf, standard.servedChain(), standard.trustAnchors(), List.of(crl));
        }
    },
    /** RFC 5280 4.1.2.2: the serial number MUST be a positive integer. */
    SERIAL_ZERO("leaf serial number 0", DialHost.HOST, ReasonCode.PROFILE_VIOLATION) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(
                    w.leaf(host).defectiveSerialNumber(BigInteger.ZERO).build());
        }
    },
    /**
     * {@code *.co.uk}: RFC 6125 lets the wildcard match one label (article); BR 3.2.2.6 forbids a wildcard
     * right of a registry-controlled public suffix (webpki).
     */
    PUBLIC_SUFFIX_WILDCARD(
            "SAN *.co.uk (a public suffix), dialled as " + DialHost.PUBLIC_SUFFIX_CHILD.of(""),
            DialHost.PUBLIC_SUFFIX_CHILD,
            null,
            ReasonCode.PROFILE_VIOLATION) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            String wildcard = "*." + DialHost.PUBLIC_SUFFIX;
            return w.standard(w.leaf(host)
                    .commonName(wildcard)
                    .subjectAlternativeNames(wildcard)
                    .build());
        }
    },
    /**
     * A CA with NAME_BLOWUP excluded DNS subtrees over a leaf with as many SANs (host among them, none
     * excluded): NAME_BLOWUP² comparisons, more than the per-validation budget (250,000, as Go's), so the
     * validator must stop and refuse rather than stall. Sized to stay under the JDK client's 32 KB
     * handshake-message limit.
     */
    NAME_CONSTRAINT_BLOWUP(
            Scenario.NAME_BLOWUP + " SANs x " + Scenario.NAME_BLOWUP + " excluded subtrees (exceeds the work budget)",
            DialHost.HOST,
            ReasonCode.TOO_COMPLEX) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.ca("blow-up CA", () -> {
                HeldCertificate.Builder b = w.caBuilder(
                        "tlslab Heavily Constrained Intermediate CA",
                        ScenarioWorkbench.SPECIAL_CA,
                        KeySpec.EC_P256,
                        ScenarioWorkbench.INTERMEDIATE_LIFETIME);
                for (int i = 0; i < NAME_BLOWUP; i++) {
                    b.excludedDnsName("x" + i + ".invalid");
                }
                return b.signedBy(w.root()).build();
            });
            List<String> names = new ArrayList<>();
            for (int i = 0; i < NAME_BLOWUP - 1; i++) {
                names.add("n" + i + "." + host);
            }
            names.add(host);
            return ScenarioWorkbench.chain(
                    w.leaf(host, ca)
                            .subjectAlternativeNames(names.toArray(String[]::new))
                            .build(),
                    w.root(),
                    ca);
        }
    },
    ALLOWLISTED_EXPIRED(
            "expired leaf whose SHA-1 fingerprint is pinned (allowlisted)", DialHost.HOST, ReasonCode.EXPIRED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(expiredLeaf(w, host));
        }
    };

    private static final String CROSS_CA = "tlslab Cross-signed Intermediate CA";
    private static final String TWIN_CA = "tlslab Twin Intermediate CA";
    private static final String CYCLE_A = "tlslab Cycle CA A";
    private static final String CYCLE_B = "tlslab Cycle CA B";
    /** Under IANA's example enterprise number (RFC 5612): no validator can know it. */
    private static final String PRIVATE_OID = "1.3.6.1.4.1.32473.1.1";

    private static final String SAN_OID = "2.5.29.17";
    private static final byte[] DER_NULL = {0x05, 0x00};
    /** SEQUENCE of 5 bytes holding a dNSName that claims 9: does not decode as GeneralNames. */
    private static final byte[] TRUNCATED_GENERAL_NAMES = {0x30, 0x05, (byte) 0x82, 0x09, 'h', 'o', 's', 't'};

    private static final int NAME_BLOWUP = 600;

    private final String description;
    private final DialHost dialHost;
    private final Outcome strictArticle;
    private final Outcome strictWebPki;

    /** A scenario both profiles judge alike ({@code strictReject} null: accepted). */
    Scenario(String description, DialHost dialHost, ReasonCode strictReject) {
        this(description, dialHost, strictReject, strictReject);
    }

    Scenario(String description, DialHost dialHost, ReasonCode articleReject, ReasonCode webPkiReject) {
        this.description = description;
        this.dialHost = dialHost;
        this.strictArticle = articleReject == null ? Outcome.accepted() : Outcome.rejected(articleReject);
        this.strictWebPki = webPkiReject == null ? Outcome.accepted() : Outcome.rejected(webPkiReject);
    }

    /** Builds this scenario's certificates for {@code host} (already validated) from the shared workbench. */
    abstract ScenarioChain mint(ScenarioWorkbench w, String host);

    /** One line: what is special about this scenario. */
    public String description() {
        return description;
    }

    /** The name the endpoint dials (and validates against) when the set was minted for {@code host}. */
    public String dialHost(String host) {
        return dialHost.of(host);
    }

    /** What an endpoint in {@code mode} must conclude under the default ({@code article}) profile. */
    public Outcome expected(ClientMode mode) {
        return expected(mode, ValidationProfile.ARTICLE);
    }

    /** What an endpoint in {@code mode} validating with {@code profile} must conclude. */
    public Outcome expected(ClientMode mode, ValidationProfile profile) {
        if (mode != ClientMode.STRICT) {
            return Outcome.accepted();
        }
        return profile == ValidationProfile.WEBPKI ? strictWebPki : strictArticle;
    }

    /** True when the endpoint must be configured with the scenario's CRLs for the expectation to hold. */
    public boolean needsCrls() {
        return this == REVOKED_LEAF;
    }

    /** True when the scenario ships with its leaf's SHA-1 fingerprint as allowlist (pinned). */
    public boolean pinsLeaf() {
        return this == ALLOWLISTED_EXPIRED;
    }

    /** Lower-case kebab form used for directories and the CLI, e.g. {@code valid-rsa-2048}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@code VALID_RSA_2048}, {@code valid-rsa-2048} or {@code valid_rsa_2048}.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Scenario parse(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Scenario s : values()) {
            if (s.name().equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "'; valid scenarios: "
                + Arrays.stream(values()).map(Scenario::slug).collect(Collectors.joining(", ")));
    }

    private static ScenarioChain ecChain(ScenarioWorkbench w, String host, KeySpec curve) {
        HeldCertificate ca = w.ecIntermediate(curve);
        HeldCertificate leaf = w.leaf(host, curve, ca).build();
        return ScenarioWorkbench.chain(leaf, w.ecRoot(curve), ca);
    }

    private static HeldCertificate wildcardLeaf(ScenarioWorkbench w, String host) {
        return w.leaf(host)
                .commonName("*." + host)
                .subjectAlternativeNames("*." + host)
                .build();
    }

    private static HeldCertificate expiredLeaf(ScenarioWorkbench w, String host) {
        return w.leaf(host)
                .validityInterval(w.now().minus(Duration.ofDays(91)), w.now().minus(Duration.ofDays(1)))
                .build();
    }

    private static ScenarioChain weakIntermediate(ScenarioWorkbench w, String host, String cn, SignatureAlgorithm alg) {
        HeldCertificate ca = w.specialIntermediate(cn, b -> b.signatureAlgorithm(alg));
        return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
    }
}
