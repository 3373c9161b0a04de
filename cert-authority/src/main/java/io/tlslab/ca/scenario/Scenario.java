package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.KeyPurpose;
import io.tlslab.ca.KeySpec;
import io.tlslab.ca.SignatureAlgorithm;
import io.tlslab.ca.chain.BrokenChains;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;

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
 * everything.
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
            return w.standard(w.leaf(host).signatureAlgorithm(SignatureAlgorithm.SHA384_WITH_RSA).build());
        }
    },
    VALID_SHA512("RSA leaf signed with SHA512withRSA", DialHost.HOST, null) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).signatureAlgorithm(SignatureAlgorithm.SHA512_WITH_RSA).build());
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
            return w.standard(w.leaf(host).commonName(ScenarioWorkbench.LOOPBACK_IP)
                    .subjectAlternativeNames(ScenarioWorkbench.LOOPBACK_IP).build());
        }
    },
    CN_ONLY("CN=host and no subjectAltName extension", DialHost.HOST, null) {
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
            return w.standard(w.leaf(host).subjectAlternativeNames(names.toArray(String[]::new)).build());
        }
    },
    SELF_SIGNED("self-signed leaf for host (the server default), not trusted", DialHost.HOST, ReasonCode.SELF_SIGNED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate leaf = w.leaf(host, null).build();
            return new ScenarioChain(leaf, List.of(leaf.certificate()), List.of(w.root().certificate()));
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
            HeldCertificate ca = w.specialIntermediate("tlslab Expired Intermediate CA", b -> b.validityInterval(
                    w.now().minus(Duration.ofDays(400)), w.now().minus(Duration.ofDays(30))));
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
        }
    },
    EXPIRED_ROOT("the trust anchor itself expired 30 days ago", DialHost.HOST, ReasonCode.EXPIRED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate root = w.ca("expired root", () -> w.caBuilder("tlslab Expired Root CA",
                    ScenarioWorkbench.EXPIRED_ROOT, KeySpec.EC_P256, Duration.ofDays(1))
                    .validityInterval(w.now().minus(Duration.ofDays(3650)), w.now().minus(Duration.ofDays(30))).build());
            HeldCertificate ca = w.ca("expired root intermediate", () -> w.caBuilder(
                    "tlslab Intermediate CA (expired root)", ScenarioWorkbench.SPECIAL_CA, KeySpec.EC_P256,
                    ScenarioWorkbench.INTERMEDIATE_LIFETIME).signedBy(root).build());
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), root, ca);
        }
    },
    NOT_YET_VALID("leaf Valid-From 30 days in the future", DialHost.HOST, ReasonCode.NOT_YET_VALID) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).validityInterval(w.now().plus(Duration.ofDays(30)),
                    w.now().plus(Duration.ofDays(120))).build());
        }
    },
    UNTRUSTED_ROOT("leaf <- intermediate <- other root; root served but not trusted", DialHost.HOST,
            ReasonCode.UNTRUSTED_ROOT) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate other = w.ca("other root", () -> w.caBuilder("tlslab Untrusted Root CA",
                    ScenarioWorkbench.OTHER_ROOT, KeySpec.EC_P256, ScenarioWorkbench.ROOT_LIFETIME).build());
            HeldCertificate ca = w.ca("other root intermediate", () -> w.caBuilder(
                    "tlslab Intermediate CA (untrusted root)", ScenarioWorkbench.SPECIAL_CA, KeySpec.EC_P256,
                    ScenarioWorkbench.INTERMEDIATE_LIFETIME).signedBy(other).build());
            HeldCertificate leaf = w.leaf(host, ca).build();
            return new ScenarioChain(leaf, List.of(leaf.certificate(), ca.certificate(), other.certificate()),
                    List.of(w.root().certificate()));
        }
    },
    WRONG_HOST("SAN wrong-host.invalid only", DialHost.HOST, ReasonCode.HOSTNAME_MISMATCH) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).commonName("wrong-host.invalid")
                    .subjectAlternativeNames("wrong-host.invalid").build());
        }
    },
    WILDCARD_TOO_DEEP("SAN *.host, dialled as a.b.host (a wildcard covers one label)", DialHost.TWO_LABELS_BELOW,
            ReasonCode.HOSTNAME_MISMATCH) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(wildcardLeaf(w, host));
        }
    },
    MD5_LEAF("leaf signed with MD5withRSA", DialHost.HOST, ReasonCode.WEAK_ALGORITHM) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).signatureAlgorithm(SignatureAlgorithm.MD5_WITH_RSA).build());
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
            return w.standard(w.leaf(host).signatureAlgorithm(SignatureAlgorithm.SHA1_WITH_RSA).build());
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
            HeldCertificate tampered = new HeldCertificate(good.keyPair(), BrokenChains.tamperSignature(good.certificate()));
            return w.standard(tampered);
        }
    },
    INCOMPLETE_CHAIN("server sends the leaf only; its intermediate is known nowhere", DialHost.HOST,
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
            List<X509Certificate> ordered = List.of(leaf.certificate(), w.intermediate().certificate(),
                    w.root().certificate());
            return new ScenarioChain(leaf, BrokenChains.reverseIssuers(ordered), List.of(w.root().certificate()));
        }
    },
    INTERMEDIATE_NOT_CA("issuing certificate has CA:FALSE (an end-entity certificate used as a CA)", DialHost.HOST,
            ReasonCode.NOT_CA) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.specialIntermediate("tlslab Not-a-CA Intermediate", b -> b.endEntity());
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
        }
    },
    PATH_LENGTH_EXCEEDED("root <- intermediate A (pathLen 0) <- intermediate B <- leaf", DialHost.HOST,
            ReasonCode.PATH_TOO_LONG) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate a = w.specialIntermediate("tlslab Intermediate CA A (pathLen 0)", b -> b.certificateAuthority(0));
            HeldCertificate b = w.ca("path length B", () -> w.caBuilder("tlslab Intermediate CA B",
                    ScenarioWorkbench.SPECIAL_CA_2, KeySpec.EC_P256, ScenarioWorkbench.INTERMEDIATE_LIFETIME)
                    .signedBy(a).build());
            return ScenarioWorkbench.chain(w.leaf(host, b).build(), w.root(), b, a);
        }
    },
    LEAF_EKU_CLIENT_AUTH_ONLY("leaf extended key usage clientAuth only", DialHost.HOST, ReasonCode.BAD_KEY_USAGE) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host).extendedKeyUsage(KeyPurpose.CLIENT_AUTH).build());
        }
    },
    WEAK_RSA_1024("RSA-1024 leaf key", DialHost.HOST, ReasonCode.WEAK_KEY) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(w.leaf(host, KeySpec.rsa(1024), w.intermediate()).build());
        }
    },
    NAME_CONSTRAINTS_VIOLATION("intermediate permits only permitted.invalid; leaf is for host", DialHost.HOST,
            ReasonCode.NAME_CONSTRAINTS) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            HeldCertificate ca = w.specialIntermediate("tlslab Name-Constrained Intermediate CA",
                    b -> b.permittedDnsName("permitted.invalid"));
            return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
        }
    },
    ALLOWLISTED_EXPIRED("expired leaf whose SHA-1 fingerprint is pinned (allowlisted)", DialHost.HOST,
            ReasonCode.EXPIRED) {
        @Override
        ScenarioChain mint(ScenarioWorkbench w, String host) {
            return w.standard(expiredLeaf(w, host));
        }
    };

    private final String description;
    private final DialHost dialHost;
    private final Outcome strictOutcome;

    Scenario(String description, DialHost dialHost, ReasonCode strictReject) {
        this.description = description;
        this.dialHost = dialHost;
        this.strictOutcome = strictReject == null ? Outcome.accepted() : Outcome.rejected(strictReject);
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

    /** What an endpoint in {@code mode} must conclude when the server presents this scenario. */
    public Outcome expected(ClientMode mode) {
        return mode == ClientMode.STRICT ? strictOutcome : Outcome.accepted();
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
        return w.leaf(host).commonName("*." + host).subjectAlternativeNames("*." + host).build();
    }

    private static HeldCertificate expiredLeaf(ScenarioWorkbench w, String host) {
        return w.leaf(host).validityInterval(w.now().minus(Duration.ofDays(91)), w.now().minus(Duration.ofDays(1)))
                .build();
    }

    private static ScenarioChain weakIntermediate(ScenarioWorkbench w, String host, String cn, SignatureAlgorithm alg) {
        HeldCertificate ca = w.specialIntermediate(cn, b -> b.signatureAlgorithm(alg));
        return ScenarioWorkbench.chain(w.leaf(host, ca).build(), w.root(), ca);
    }
}
