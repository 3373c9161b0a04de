package io.tlslab.server.command;

/** Who ran a command and through which channel (console, api, cli, startup): for the audit log. */
public record Actor(String admin, String channel) {
    public static Actor system() {
        return new Actor("system", "startup");
    }
}
