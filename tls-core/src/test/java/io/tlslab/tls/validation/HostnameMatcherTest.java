package io.tlslab.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.HeldCertificate;
import io.tlslab.ca.testing.TestPki;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {
    private static final TestPki PKI = TestPki.atFixedTime();

    private static X509Certificate withSans(String cn, String... sans) {
        return PKI.leaf("unused")
                .commonName(cn)
                .subjectAlternativeNames(sans)
                .build()
                .certificate();
    }

    @Nested
    class Wildcards {
        private final X509Certificate wildcard = withSans("*.example.com", "*.example.com");

        @ParameterizedTest(name = "*.example.com vs {0} -> {1}")
        @CsvSource({
            "node1.example.com, true",
            "NODE1.Example.COM, true",
            "node1.example.com., true",
            "a.b.example.com, false",
            "example.com, false",
            ".example.com, false",
            "node1.example.org, false"
        })
        void coversExactlyOneLeftMostLabel(String host, boolean matches) {
            assertThat(HostnameMatcher.matches(wildcard, host)).isEqualTo(matches);
        }

        @ParameterizedTest(name = "{0} never matches {1}")
        @CsvSource({
            "f*.example.com, foo.example.com",
            "*oo.example.com, foo.example.com",
            "node1.*.com, node1.example.com",
            "*, localhost",
            "*.*.example.com, a.b.example.com"
        })
        void onlyAWholeLeftMostLabelIsAWildcard(String pattern, String host) {
            assertThat(HostnameMatcher.matches(withSans("x", pattern), host)).isFalse();
        }
    }

    @Nested
    class IpLiterals {
        @Test
        void ipLiteralMatchesOnlyAnIpSan() {
            X509Certificate dnsOnly = withSans("127.0.0.1", "localhost");
            X509Certificate ipSan = withSans("x", "localhost", "127.0.0.1");
            assertThat(HostnameMatcher.matches(dnsOnly, "127.0.0.1"))
                    .as("an IP is never matched against DNS SANs or the CN")
                    .isFalse();
            assertThat(HostnameMatcher.matches(ipSan, "127.0.0.1")).isTrue();
            assertThat(HostnameMatcher.matches(ipSan, "127.0.0.2")).isFalse();
            assertThat(HostnameMatcher.matches(ipSan, "localhost")).isTrue();
        }

        @Test
        void ipv6ComparesAddressesNotText() {
            X509Certificate v6 = withSans("x", "::1");
            assertThat(HostnameMatcher.matches(v6, "0:0:0:0:0:0:0:1")).isTrue();
            assertThat(HostnameMatcher.matches(v6, "[::1]")).isTrue();
            assertThat(HostnameMatcher.matches(v6, "::2")).isFalse();
        }

        @Test
        void dnsNameDoesNotMatchAnIpSan() {
            assertThat(HostnameMatcher.matches(withSans("x", "127.0.0.1"), "localhost"))
                    .isFalse();
        }

        @Test
        void recognisesLiteralsWithoutResolvingNames() {
            assertThat(HostnameMatcher.ipLiteral("10.1.2.3")).containsExactly(10, 1, 2, 3);
            assertThat(HostnameMatcher.ipLiteral("256.1.1.1")).isNull();
            assertThat(HostnameMatcher.ipLiteral("localhost")).isNull();
            assertThat(HostnameMatcher.ipLiteral("1.2.3")).isNull();
        }
    }

    @Nested
    class CommonName {
        @Test
        void cnIsUsedWhenThereIsNoSanExtension() {
            X509Certificate cnOnly = withSans("server.example.com");
            assertThat(HostnameMatcher.matches(cnOnly, "server.example.com")).isTrue();
            assertThat(HostnameMatcher.matches(cnOnly, "other.example.com")).isFalse();
        }

        @Test
        void cnIsIgnoredWhenADnsSanExists() {
            X509Certificate cert = withSans("server.example.com", "api.example.com");
            assertThat(HostnameMatcher.matches(cert, "server.example.com")).isFalse();
            assertThat(HostnameMatcher.matches(cert, "api.example.com")).isTrue();
        }

        @Test
        void cnIsUsedWhenSansHoldOnlyIpAddresses() {
            X509Certificate cert = withSans("server.example.com", "10.0.0.1");
            assertThat(HostnameMatcher.matches(cert, "server.example.com")).isTrue();
        }

        @Test
        void emptySubjectWithoutSansMatchesNothing() {
            HeldCertificate noNames = HeldCertificate.builder()
                    .clock(TestPki.CLOCK)
                    .noSubject()
                    .subjectAlternativeNames("only.example.com")
                    .signedBy(PKI.intermediate)
                    .build();
            assertThat(HostnameMatcher.matches(noNames.certificate(), "only.example.com"))
                    .isTrue();
            assertThat(HostnameMatcher.matches(noNames.certificate(), "")).isFalse();
        }
    }

    @Test
    void internationalisedNamesCompareInPunycode() {
        X509Certificate idn = withSans("x", "xn--bcher-kva.example");
        assertThat(HostnameMatcher.matches(idn, "bücher.example")).isTrue();
        assertThat(HostnameMatcher.matches(idn, "XN--BCHER-KVA.example.")).isTrue();
        assertThat(HostnameMatcher.matches(idn, "bucher.example")).isFalse();
    }
}
