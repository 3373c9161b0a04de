package io.tlslab.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlslab.protocol.json.Json;

/** The console's one JSON mapper: every request body is read and every answer written through it. */
final class ConsoleJson {
    static final ObjectMapper MAPPER = Json.mapper();

    private ConsoleJson() {}

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JSON: " + e.getMessage(), e);
        }
    }
}
