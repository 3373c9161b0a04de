package io.tlslab.server.console;

/** A retire or delete that cannot be done: no such device (404) or a connected one to delete (409). */
public final class DeviceActionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean notFound;

    public DeviceActionException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    boolean notFound() {
        return notFound;
    }
}
