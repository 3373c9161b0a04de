package io.tlslab.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AcceptLoopsTest {
    @Test
    void autoIsOneReusePortSocketPerWorkerLoopWhereTheOptionExists() {
        assertThat(AcceptLoops.AUTO.sockets(2, true)).isEqualTo(2);
        assertThat(AcceptLoops.AUTO.sockets(8, true)).isEqualTo(8);
    }

    @Test
    void autoFallsBackToOnePlainSocketWithOneLoopOrWithoutReusePort() {
        assertThat(AcceptLoops.AUTO.sockets(1, true)).isZero();
        assertThat(AcceptLoops.AUTO.sockets(4, false)).isZero();
    }

    @Test
    void anExplicitCountIsKeptAndNeedsReusePort() {
        assertThat(new AcceptLoops(3).sockets(2, true)).isEqualTo(3);
        assertThat(new AcceptLoops(3).sockets(2, false)).isZero();
        assertThat(AcceptLoops.SINGLE.sockets(2, true)).isZero();
    }

    @Test
    void theOptionTextIsAutoZeroOrACount() {
        assertThat(AcceptLoops.parse("auto")).isEqualTo(AcceptLoops.AUTO);
        assertThat(AcceptLoops.parse(" AUTO ")).isEqualTo(AcceptLoops.AUTO);
        assertThat(AcceptLoops.parse("0")).isEqualTo(AcceptLoops.SINGLE);
        assertThat(AcceptLoops.parse("4")).isEqualTo(new AcceptLoops(4));
        assertThat(AcceptLoops.AUTO).hasToString("auto");
        assertThat(new AcceptLoops(4)).hasToString("4");
    }

    @Test
    void anythingElseIsOneLineNamingTheForms() {
        assertThatThrownBy(() -> AcceptLoops.parse("many"))
                .hasMessage("accept loops 'many': expected auto, 0 (one listener) or 1 to 256");
        assertThatThrownBy(() -> AcceptLoops.parse("257"))
                .hasMessage("accept loops 257 out of range: expected auto, 0 (one listener) or 1 to 256");
        assertThatThrownBy(() -> AcceptLoops.parse("-1")).hasMessageContaining("out of range");
    }
}
