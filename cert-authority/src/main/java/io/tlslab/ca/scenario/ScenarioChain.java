package io.tlslab.ca.scenario;

import io.tlslab.ca.HeldCertificate;

import java.security.cert.X509Certificate;
import java.util.List;

/** What a scenario recipe produces: the leaf with its key, the chain as served, the trust anchors. */
record ScenarioChain(HeldCertificate leaf, List<X509Certificate> servedChain, List<X509Certificate> trustAnchors) {
    ScenarioChain {
        servedChain = List.copyOf(servedChain);
        trustAnchors = List.copyOf(trustAnchors);
    }
}
