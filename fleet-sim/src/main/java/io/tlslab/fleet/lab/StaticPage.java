package io.tlslab.fleet.lab;

import java.nio.charset.StandardCharsets;

/** A response body the lab serves as it is: built once at start, never from request data. */
record StaticPage(String contentType, byte[] body) {

    static StaticPage text(String text) {
        return new StaticPage("text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static StaticPage html(String html) {
        return new StaticPage("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static StaticPage json(String json) {
        return new StaticPage("application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
