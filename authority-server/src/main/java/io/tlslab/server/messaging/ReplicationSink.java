package io.tlslab.server.messaging;

import io.tlslab.protocol.wire.Message;

/** Applies a property another server of the environment saved with {@code save all}. */
public interface ReplicationSink {

    /**
     * @return empty when applied, else the one-line reason it was refused (e.g. an invalid value)
     */
    java.util.Optional<String> apply(Message.PropertyUpdate update, String peer);
}
