package io.tlslab.fleet.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tlslab.protocol.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code scenarios.json}; unknown fields are ignored so later versions stay readable. */
public final class LabManifestJson {

    private LabManifestJson() {}

    public static String toJson(LabManifest manifest) {
        try {
            return Json.prettyWriter().writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the lab manifest", e);
        }
    }

    public static LabManifest parse(String json) {
        try {
            LabManifest m = Json.tolerantReader(LabManifest.class).readValue(json);
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
