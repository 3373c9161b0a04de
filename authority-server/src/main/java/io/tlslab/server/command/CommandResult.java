package io.tlslab.server.command;

/**
 * The answer to one command line: accepted or refused, and the text to show. A refusal's text is
 * one line that says what was expected; nothing was changed.
 */
public record CommandResult(boolean ok, String output) {

    public static CommandResult ok(String output) {
        return new CommandResult(true, output);
    }

    public static CommandResult refused(String message) {
        return new CommandResult(false, "error: " + message);
    }
}
