package io.tlslab.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The console's one JSON mapper: every request body is read and every answer written through it. */
final class ConsoleJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConsoleJson() {}

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JSON: " + e.getMessage(), e);
        }
    }
}
