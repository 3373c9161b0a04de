package io.tlslab.cli;

import io.tlslab.protocol.settings.Durations;
import io.tlslab.protocol.settings.Fingerprint;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * Sets up a tlslab command line the same way for all four tools: converters for the shared option
 * types, help that wraps (never cuts) descriptions at 120 columns, one error format
 * ({@code tool: message}, one line, never a stack trace; a parse error adds where help is) and one exit-code mapping ({@link ExitCodes}).
 */
public final class CliKit {
    /** Wide enough for the examples; picocli wraps descriptions to it rather than cutting them. */
    public static final int HELP_WIDTH = 120;
    /** Long option names up to this width keep their description on the same row. */
    private static final int LONG_OPTIONS_WIDTH = 36;

    private CliKit() {}

    /** Configures {@code cli} (and its subcommands, present and added later through it) in place. */
    public static CommandLine configure(CommandLine cli) {
        return configure(cli, System.getenv());
    }

    /**
     * As {@link #configure(CommandLine)}, with options marked {@link EnvironmentDefault} defaulting from
     * {@code environment} (tests pass a map).
     */
    public static CommandLine configure(CommandLine cli, Map<String, String> environment) {
        String tool = cli.getCommandName();
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS_WIDTH);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Duration.class, Converters.of(Durations::parse));
        cli.registerConverter(HostPort.class, Converters.of(HostPort::parse));
        cli.registerConverter(Fingerprint.class, Converters.of(Fingerprint::parse));
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(tool + ": " + firstLine(ex.getMessage()) + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, failed, parsed) -> {
            PrintWriter err = failed.getErr();
            Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            err.println(tool + ": " + oneLine(e));
            err.flush();
            return isUsage(e) ? ExitCodes.USAGE : ExitCodes.NEGATIVE;
        });
        return cli;
    }

    /** Bad input rather than a failure of the command: exit 2. */
    private static boolean isUsage(Throwable e) {
        return e instanceof UsageException || e instanceof IllegalArgumentException || e instanceof java.io.IOException;
    }

    /** One line for a user: file errors say what happened, others their own message (a bare wrapper its cause's). */
    public static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (e instanceof NoSuchFileException) {
            message = "no such file: " + message;
        } else if (e instanceof AccessDeniedException) {
            message = "permission denied: " + message;
        } else if (e instanceof FileAlreadyExistsException) {
            message = "already exists: " + message;
        } else if (message == null || message.isBlank()) {
            // a bare wrapper: its cause says what happened
            Throwable cause = e.getCause();
            message =
                    cause != null && cause != e ? oneLine(cause) : e.getClass().getSimpleName();
        }
        return firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "bad input";
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
