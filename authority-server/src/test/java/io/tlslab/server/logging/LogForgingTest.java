package io.tlslab.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 4: a user name or GUID with a newline wrote a fake log line; NUL and ESC went to
 * the log raw. Runs the server's real logback.xml, in text and in JSON.
 */
class LogForgingTest {
    private static final String FORGED = "bob\n2026-11-30T00:00:00.000+0000 INFO  tlslab.audit - admin=admin"
            + " command=\"setting.set system c42.sabre.client.certificate.strictValidation false\" result=ok\u0000\u001b[2J";

    /** Configures the server's logback.xml in a private context and encodes one event with its appender. */
    private static List<String> logThroughServerConfig(String format) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            ctx.putProperty("TLSLAB_LOG_FORMAT", format);
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(ctx);
            joran.doConfigure(LogForgingTest.class.getResource("/logback.xml"));
            Logger log = ctx.getLogger("io.tlslab.server.console.ConsoleHandler");
            var appender = (OutputStreamAppender<ILoggingEvent>)
                    ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(format);
            LoggingEvent event = new LoggingEvent(
                    Logger.class.getName(),
                    log,
                    Level.WARN,
                    "console sign-in for '{}' from {} failed",
                    null,
                    new Object[] {FORGED, "127.0.0.1"});
            return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } finally {
            ctx.stop();
        }
    }

    /**
     * A configuration warning (an appender defined and not used, a missing resource) makes Logback print
     * its whole start-up status, ~30 lines, ahead of every `tlslab-server start`. The format's case does
     * not matter, and an unknown one logs as TEXT instead of leaving the server without a log.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"TEXT,TEXT", "JSON,JSON", "json,JSON", " Text ,TEXT", "yaml,TEXT"})
    void theConfigurationLoadsWithoutAWarningAndPicksOneAppender(String given, String appender) throws Exception {
        LoggerContext ctx = new LoggerContext();
        try {
            ctx.putProperty("TLSLAB_LOG_FORMAT", given);
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(ctx);
            joran.doConfigure(LogForgingTest.class.getResource("/logback.xml"));
            assertThat(new ch.qos.logback.core.status.StatusUtil(ctx).getHighestLevel(0))
                    .as(ctx.getStatusManager().getCopyOfStatusList().toString())
                    .isLessThan(ch.qos.logback.core.status.Status.WARN);
            Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getAppender(appender)).isNotNull();
            assertThat(root.iteratorForAppenders()).toIterable().hasSize(1);
        } finally {
            ctx.stop();
        }
    }

    @Test
    void oneEventIsOneTextLineWithoutControlCharacters() throws Exception {
        List<String> lines = logThroughServerConfig("TEXT");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains("sign-in for 'bob\\n2026")
                .contains("\\u0000\\u001B[2J")
                .doesNotContain("\u0000")
                .doesNotContain("\u001b");
    }

    @Test
    void jsonLinesAreOneObjectPerEventWithTheValueEscaped() throws Exception {
        List<String> lines = logThroughServerConfig("JSON");
        assertThat(lines).hasSize(1);
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertThat(node.get("level").asText()).isEqualTo("WARN");
        assertThat(node.get("formattedMessage").asText()).contains(FORGED);
        assertThat(lines.get(0)).doesNotContain("\u0000").doesNotContain("\u001b");
    }
}
