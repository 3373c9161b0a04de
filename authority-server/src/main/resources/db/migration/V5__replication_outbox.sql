-- The last replication sequence this server issued (per origin: servers sharing one database share
-- their server id, hence one counter). Stored, not taken from the clock: a restart or a clock step
-- back can never reuse a sequence, which the peers would refuse as a replay.
CREATE TABLE replication_sequence (
    origin_server VARCHAR(128) PRIMARY KEY,
    last_sequence BIGINT NOT NULL
);

-- Updates saved with `save all` that a peer has not acknowledged yet, written in the same
-- transaction as the local change: a peer that is down, or a crash before it answered, loses
-- nothing. Sent in sequence order and removed once the peer acknowledges (or refuses) them.
CREATE TABLE replication_outbox (
    peer          VARCHAR(255) NOT NULL,
    sequence_no   BIGINT NOT NULL,
    origin_server VARCHAR(128) NOT NULL,
    prop_key      VARCHAR(255) NOT NULL,
    prop_value    TEXT,
    queued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (peer, sequence_no)
);
