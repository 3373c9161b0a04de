package io.tlslab.fleet.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code scenarios.json}; unknown fields are ignored so later versions stay readable. */
public final class LabManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LabManifestJson() {}

    public static String toJson(LabManifest manifest) {
        try {
            return MAPPER.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the lab manifest", e);
        }
    }

    public static LabManifest parse(String json) {
        try {
            LabManifest m = MAPPER.readValue(json, LabManifest.class);
            if (!LabManifest.TOOL.equals(m.tool())) {
                throw new IllegalArgumentException("not a tlslab lab manifest (tool is '" + m.tool() + "')");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a tlslab lab manifest: " + e.getOriginalMessage(), e);
        }
    }

    public static LabManifest read(Path file) throws IOException {
        return parse(Files.readString(file));
    }
}
