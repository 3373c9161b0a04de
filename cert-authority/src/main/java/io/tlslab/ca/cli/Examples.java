package io.tlslab.ca.cli;

import java.util.List;

/** A command whose help starts with example invocations. */
interface Examples {
    List<String> examples();
}
