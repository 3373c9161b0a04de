package io.tlslab.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** What Flyway recorded in a store's schema history, and how many scripts the build ships. */
final class SchemaHistory {
    record Applied(String version, String type, boolean success) {}

    private SchemaHistory() {}

    static List<Applied> of(Store store) {
        MigrationInfo[] applied = Flyway.configure()
                .dataSource(store.db().dataSource())
                .locations(SchemaMigrations.LOCATION)
                .load()
                .info()
                .applied();
        return Arrays.stream(applied)
                .map(m -> new Applied(
                        m.getVersion().getVersion(),
                        m.getType().name(),
                        m.getState().isApplied() && !m.getState().isFailed()))
                .toList();
    }

    /** Counted from the build's resource folder itself, not through Flyway. */
    static int scriptsInJar() {
        try (var files = Files.list(
                Path.of(SchemaHistory.class.getResource("/db/migration").toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
