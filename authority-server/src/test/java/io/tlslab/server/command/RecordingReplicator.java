package io.tlslab.server.command;

import java.sql.Connection;
import java.util.List;

/** Records what {@code save all} queued, and answers that its one peer acknowledged it. */
final class RecordingReplicator implements Replicator {
    private final List<String> queued;

    RecordingReplicator(List<String> queued) {
        this.queued = queued;
    }

    @Override
    public long queue(Connection c, String key, String value) {
        queued.add(key + "=" + value);
        return queued.size();
    }

    @Override
    public Report await(long ticket) {
        return new Report(List.of(new PeerDelivery("peer:4288", Delivery.ACKNOWLEDGED, "")));
    }

    @Override
    public List<PeerQueue> queues() {
        return List.of();
    }
}
