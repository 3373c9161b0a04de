package io.tlslab.fleet.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.ca.scenario.Scenario;
import io.tlslab.protocol.validation.ClientMode;
import io.tlslab.tls.TlsEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConformanceTableTest {

    /** The demo's full matrix: every scenario x every mode x both engines, the widest reason in each cell. */
    private static List<ConformanceTable.GridCell> fullMatrix() {
        List<ConformanceTable.GridCell> cells = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            for (ClientMode m : ClientMode.values()) {
                for (TlsEngine e : TlsEngine.values()) {
                    cells.add(new ConformanceTable.GridCell(
                            s.name(),
                            ConformanceTable.column(m, e),
                            "UNHANDLED_CRITICAL_EXTENSION",
                            ConformanceTable.Tone.PLAIN));
                }
            }
        }
        return cells;
    }

    @Test
    void theDemosFullMatrixFitsOneHundredTwentyColumns() {
        String text = ConformanceTable.grid(fullMatrix(), false);
        assertThat(text.lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(ConformanceTable.MAX_WIDTH));
    }

    @Test
    void wrappingKeepsEveryColumnAndEveryRow() {
        String text = ConformanceTable.grid(fullMatrix(), false);
        for (ClientMode m : ClientMode.values()) {
            for (TlsEngine e : TlsEngine.values()) {
                assertThat(text).contains(ConformanceTable.column(m, e));
            }
        }
        long headers = text.lines().filter(l -> l.startsWith("scenario")).count();
        assertThat(headers).isGreaterThan(1);
        for (Scenario s : Scenario.values()) {
            assertThat(text.lines().filter(l -> l.startsWith(s.name() + " ")).count())
                    .isEqualTo(headers);
        }
    }

    @Test
    void aNarrowTableStaysOneTable() {
        List<ConformanceTable.GridCell> cells = List.of(
                new ConformanceTable.GridCell("SELF_SIGNED", "strict/JDK", "SELF_SIGNED", ConformanceTable.Tone.PLAIN),
                new ConformanceTable.GridCell(
                        "SELF_SIGNED", "strict/OPENSSL", "SELF_SIGNED", ConformanceTable.Tone.PLAIN));
        assertThat(ConformanceTable.grid(cells, false)
                        .lines()
                        .filter(l -> l.startsWith("scenario"))
                        .count())
                .isEqualTo(1);
    }
}
