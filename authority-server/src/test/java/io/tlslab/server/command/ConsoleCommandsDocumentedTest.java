package io.tlslab.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md lists the console commands exactly as {@code help} prints their usage, in the same order. */
class ConsoleCommandsDocumentedTest {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|.*\\|\\s*$");

    @Test
    void everyConsoleCommandIsDocumentedWithItsUsage() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "behaviour.md"));
        int start = lines.indexOf("## Console commands");
        assertThat(start).as("section '## Console commands'").isNotNegative();
        List<String> documented = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (m.matches()) {
                documented.add(m.group(1));
            }
        }
        assertThat(documented).containsExactlyElementsOf(Help.USAGE.values());
    }
}
