package io.tlslab.ca.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes {@link SetManifest} as pretty-printed JSON. */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestJson() {}

    public static String toJson(SetManifest manifest) {
        try {
            return MAPPER.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest cannot be serialized", e);
        }
    }

    /**
     * @throws IOException if unreadable; {@link IllegalArgumentException} if it is not a tlslab-ca manifest
     */
    public static SetManifest read(Path file) throws IOException {
        SetManifest m;
        try {
            m = MAPPER.readValue(file.toFile(), SetManifest.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a manifest: " + e.getOriginalMessage(), e);
        }
        if (!SetManifest.TOOL.equals(m.tool())) {
            throw new IllegalArgumentException(file + " is not a " + SetManifest.TOOL + " manifest");
        }
        return m;
    }
}
