package io.tlslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void anIpv6AddressInBracketsKeepsItsPort() {
        HostPort hp = HostPort.parse("[::1]:4999");
        assertThat(hp.host()).isEqualTo("::1");
        assertThat(hp.port()).isEqualTo(4999);
        assertThat(hp).hasToString("[::1]:4999");
    }

    @Test
    void aBareIpv6AddressHasNoPort() {
        assertThat(HostPort.parse("::1")).isEqualTo(new HostPort("::1", HostPort.NO_PORT));
        assertThat(HostPort.parse("[fe80::1]").orPort(4287)).isEqualTo(new HostPort("fe80::1", 4287));
    }

    @Test
    void namesAndIpv4WithAndWithoutPort() {
        assertThat(HostPort.parse("authority.example:4287")).isEqualTo(new HostPort("authority.example", 4287));
        assertThat(HostPort.parse(" 127.0.0.1 ").orPort(4287)).isEqualTo(new HostPort("127.0.0.1", 4287));
        assertThat(HostPort.parse("127.0.0.1:99").orPort(4287).port()).isEqualTo(99);
    }

    @Test
    void badInputIsNamedInOneLine() {
        assertThatThrownBy(() -> HostPort.parse("host:http")).hasMessage("'host:http': 'http' is not a port number");
        assertThatThrownBy(() -> HostPort.parse("host:70000")).hasMessageContaining("out of range 1-65535");
        assertThatThrownBy(() -> HostPort.parse("[::1")).hasMessageContaining("closing ']'");
        assertThatThrownBy(() -> HostPort.parse("[::1]4999")).hasMessageContaining("expected ':PORT'");
        assertThatThrownBy(() -> HostPort.parse(":4287")).hasMessageContaining("host is missing");
        assertThatThrownBy(() -> HostPort.parse("")).hasMessageContaining("expected HOST[:PORT]");
    }
}
