package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a scenario recipe produces: the leaf with its key, the chain as served, the trust anchors, and the
 * CRLs the endpoint is configured with (empty for every scenario but the revocation ones).
 */
record ScenarioChain(
        HeldCertificate leaf,
        List<X509Certificate> servedChain,
        List<X509Certificate> trustAnchors,
        List<X509CRL> crls) {
    ScenarioChain {
        servedChain = List.copyOf(servedChain);
        trustAnchors = List.copyOf(trustAnchors);
        crls = List.copyOf(crls);
    }

    ScenarioChain(HeldCertificate leaf, List<X509Certificate> servedChain, List<X509Certificate> trustAnchors) {
        this(leaf, servedChain, trustAnchors, List.of());
    }
}
