package io.tlslab.protocol.json;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.tlslab.protocol.validation.Outcome;

/**
 * The one Jackson configuration of tlslab: every module reads and writes JSON through it, so the
 * vocabulary is written the same way everywhere ({@link Outcome} as {@code ACCEPT} / {@code REJECT:<REASON>},
 * enums such as {@code ReasonCode} by name). The mapper is shared and thread-safe; do not reconfigure it
 * (derive an {@link ObjectReader}/{@link ObjectWriter} instead, as {@link #prettyWriter()} does).
 */
public final class Json {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().addModule(vocabulary()).build();
    private static final ObjectWriter PRETTY = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Compact output; reading refuses unknown properties (input from outside, e.g. the console API). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Indented output, for files and command output people read. */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** Reads {@code type} ignoring properties it does not know, so files a later version wrote stay readable. */
    public static ObjectReader tolerantReader(Class<?> type) {
        return MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static SimpleModule vocabulary() {
        SimpleModule module = new SimpleModule("tlslab-vocabulary");
        module.addSerializer(Outcome.class, ToStringSerializer.instance);
        module.addDeserializer(Outcome.class, new OutcomeDeserializer());
        return module;
    }

    /** {@code ACCEPT} / {@code REJECT:<REASON>}, through {@link Outcome#parse}. */
    private static final class OutcomeDeserializer extends FromStringDeserializer<Outcome> {
        private static final long serialVersionUID = 1L;

        OutcomeDeserializer() {
            super(Outcome.class);
        }

        @Override
        protected Outcome _deserialize(String value, DeserializationContext context) {
            return Outcome.parse(value);
        }
    }
}
