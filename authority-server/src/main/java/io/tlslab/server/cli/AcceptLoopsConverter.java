package io.tlslab.server.cli;

import io.tlslab.cli.Converters;
import io.tlslab.server.config.AcceptLoops;
import picocli.CommandLine.ITypeConverter;

/** {@code --accept-loops}: {@code auto}, {@code 0} or a count (tlslab-server start, tlslab-fleet serve). */
public final class AcceptLoopsConverter implements ITypeConverter<AcceptLoops> {
    @Override
    public AcceptLoops convert(String value) throws Exception {
        return Converters.of(AcceptLoops::parse).convert(value);
    }
}
