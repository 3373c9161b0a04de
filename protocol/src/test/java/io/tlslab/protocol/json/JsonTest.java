package io.tlslab.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tlslab.protocol.validation.Outcome;
import io.tlslab.protocol.validation.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Cell(String scenario, Outcome expected, List<ReasonCode> findings) {}

    @Test
    void vocabularyIsWrittenAsItsTextAndReadBack() throws Exception {
        Cell cell = new Cell("expired", Outcome.rejected(ReasonCode.EXPIRED), List.of(ReasonCode.EXPIRED));
        String json = Json.mapper().writeValueAsString(cell);
        assertThat(json)
                .isEqualTo("{\"scenario\":\"expired\",\"expected\":\"REJECT:EXPIRED\",\"findings\":[\"EXPIRED\"]}");
        assertThat(Json.mapper().readValue(json, Cell.class)).isEqualTo(cell);
        assertThat(Json.mapper()
                        .readValue("{\"expected\":\"ACCEPT\"}", Cell.class)
                        .expected())
                .isEqualTo(Outcome.accepted());
    }

    @Test
    void prettyWriterIndentsAndTheMapperStaysCompact() throws Exception {
        Cell cell = new Cell("x", Outcome.accepted(), List.of());
        assertThat(Json.prettyWriter().writeValueAsString(cell)).contains("\n  \"scenario\" : \"x\"");
        assertThat(Json.mapper().writeValueAsString(cell)).doesNotContain("\n");
    }

    @Test
    void unknownPropertiesAreRefusedUnlessTolerated() throws Exception {
        String later = "{\"scenario\":\"x\",\"addedLater\":1}";
        assertThatThrownBy(() -> Json.mapper().readValue(later, Cell.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        Cell read = Json.tolerantReader(Cell.class).readValue(later);
        assertThat(read.scenario()).isEqualTo("x");
    }
}
