package io.tlslab.ca.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tlslab.protocol.json.Json;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes {@link SetManifest} as pretty-printed JSON. */
public final class ManifestJson {

    private ManifestJson() {}

    public static String toJson(SetManifest manifest) {
        try {
            return Json.prettyWriter().writeValueAsString(manifest) + "\n";
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
            m = Json.tolerantReader(SetManifest.class).readValue(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a manifest: " + e.getOriginalMessage(), e);
        }
        if (!SetManifest.TOOL.equals(m.tool())) {
            throw new IllegalArgumentException(file + " is not a " + SetManifest.TOOL + " manifest");
        }
        return m;
    }
}
