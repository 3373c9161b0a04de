package io.tlslab.ca.scenario;

/** How a scenario's dial host (the name the endpoint validates against) derives from the minting host. */
enum DialHost {
    HOST {
        @Override
        String of(String host) {
            return host;
        }
    },
    /** One label below the host: matched by {@code *.host}. */
    ONE_LABEL_BELOW {
        @Override
        String of(String host) {
            return "node1." + host;
        }
    },
    /** Two labels below the host: a wildcard matches one label only, so {@code *.host} does not. */
    TWO_LABELS_BELOW {
        @Override
        String of(String host) {
            return "a.b." + host;
        }
    },
    /** A name right below the public suffix {@link #PUBLIC_SUFFIX}, whatever the minting host. */
    PUBLIC_SUFFIX_CHILD {
        @Override
        String of(String host) {
            return "tlslab-example." + PUBLIC_SUFFIX;
        }
    },
    LOOPBACK_IP {
        @Override
        String of(String host) {
            return ScenarioWorkbench.LOOPBACK_IP;
        }
    };

    /** A registry-controlled suffix on the Public Suffix List (ICANN section). */
    static final String PUBLIC_SUFFIX = "co.uk";

    abstract String of(String host);
}
