package io.tlslab.client.settings;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Persists the endpoint's GUID and settings in {@code <dataDir>/endpoint.properties}, replaced
 * atomically on every change. A file that exists but cannot be read is an error, never silently
 * treated as "defaults": that would turn a strict endpoint non-strict after a disk problem.
 */
public final class FileSettingsStore implements SettingsStore {

    public static final String FILE_NAME = "endpoint.properties";
    private static final String GUID_KEY = "guid";
    private static final String CREDENTIAL_KEY = "deviceCredential";

    private final Path dataDir;
    private final Path file;

    public FileSettingsStore(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized String guid() throws IOException {
        Properties props = read();
        String guid = props.getProperty(GUID_KEY);
        if (guid == null || guid.isBlank()) {
            guid = UUID.randomUUID().toString();
            props.setProperty(GUID_KEY, guid);
            write(props);
        }
        return guid;
    }

    @Override
    public synchronized EndpointSettings load() throws IOException {
        Properties props = read();
        Map<String, String> values = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            if (!name.equals(GUID_KEY) && !name.equals(CREDENTIAL_KEY)) {
                values.put(name, props.getProperty(name));
            }
        }
        try {
            return EndpointSettings.defaults().apply(values);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " holds an invalid setting: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String deviceCredential() throws IOException {
        return read().getProperty(CREDENTIAL_KEY, "");
    }

    @Override
    public synchronized void saveDeviceCredential(String credential) throws IOException {
        Properties props = read();
        props.setProperty(CREDENTIAL_KEY, credential);
        write(props);
    }

    @Override
    public synchronized void save(EndpointSettings settings) throws IOException {
        Properties props = read();
        settings.toMap().forEach(props::setProperty);
        write(props);
    }

    private Properties read() throws IOException {
        Properties props = new Properties();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            props.load(new StringReader(text));
        } catch (NoSuchFileException e) {
            return props;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a valid properties file: " + e.getMessage(), e);
        }
        return props;
    }

    private void write(Properties props) throws IOException {
        StringWriter out = new StringWriter();
        out.write("# tlslab endpoint state: written atomically by the endpoint, do not edit while it runs\n");
        for (String name : new TreeMap<>(propsAsMap(props)).keySet()) {
            Properties single = new Properties();
            single.setProperty(name, props.getProperty(name));
            StringWriter line = new StringWriter();
            single.store(line, null);
            // Properties.store writes a date comment first: drop it so the file is stable
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> out.write(l + "\n"));
        }
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> propsAsMap(Properties props) {
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(n -> map.put(n, props.getProperty(n)));
        return map;
    }

    @Override
    public String toString() {
        return "FileSettingsStore[" + dataDir + "]";
    }
}
