package io.tlslab.protocol.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheShortFormsABareNumberAndIso8601() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse(" 30S ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesWithTheAcceptedForms() {
        assertThatThrownBy(() -> Durations.parse("soon"))
                .hasMessage("'soon' is not a duration: expected e.g. 500ms, 30s, 5m");
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("empty");
    }

    @Test
    void formatWritesWhatParseReads() {
        for (Duration d : new Duration[] {
            Duration.ofMillis(1500),
            Duration.ofSeconds(45),
            Duration.ofMinutes(3),
            Duration.ofHours(2),
            Duration.ofSeconds(90)
        }) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(120))).isEqualTo("2h");
    }
}
