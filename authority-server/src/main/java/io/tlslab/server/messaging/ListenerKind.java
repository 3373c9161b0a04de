package io.tlslab.server.messaging;

import io.tlslab.protocol.wire.Role;
import java.util.EnumSet;
import java.util.Set;

/** The two messaging listeners and the peer roles each accepts. */
public enum ListenerKind {
    /** 4287: endpoint apps. */
    ENDPOINTS("endpoints", EnumSet.of(Role.ENDPOINT)),
    /** 4288: other servers of the environment, authenticated by mutual TLS. */
    SERVERS("servers", EnumSet.of(Role.AUTHORITY, Role.STORAGE));

    private final String label;
    private final Set<Role> roles;

    ListenerKind(String label, Set<Role> roles) {
        this.label = label;
        this.roles = roles;
    }

    public String label() {
        return label;
    }

    public boolean accepts(Role role) {
        return roles.contains(role);
    }
}
