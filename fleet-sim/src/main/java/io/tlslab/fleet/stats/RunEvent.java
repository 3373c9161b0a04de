package io.tlslab.fleet.stats;

/**
 * Something done to the target during a run (e.g. a server restart) and how the fleet reacted.
 *
 * @param atSeconds              when it happened, seconds since the run started
 * @param allConnectedAfterSeconds how long until every endpoint was connected again; -1 if that
 *                               never happened before the run ended (only meaningful when
 *                               connections are held open)
 * @param peakPerSecond          the highest handshake rate of a sampling interval after the event
 * @param failuresAfter          failed attempts from the event to the end of the run
 */
public record RunEvent(
        String name, double atSeconds, double allConnectedAfterSeconds, double peakPerSecond, long failuresAfter) {}
