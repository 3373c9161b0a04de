package io.tlslab.server.command;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line on whitespace; double quotes group words, as admins expect from a shell. */
final class Tokenizer {
    private Tokenizer() {}

    /** @throws IllegalArgumentException for an unterminated quote */
    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean hasToken = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes;
                hasToken = true;
            } else if (Character.isWhitespace(ch) && !inQuotes) {
                if (hasToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    hasToken = false;
                }
            } else {
                current.append(ch);
                hasToken = true;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("unterminated quote in command line");
        }
        if (hasToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
