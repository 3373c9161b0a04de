-- The highest replication sequence applied from each origin server: an update with a sequence at or
-- below it is a replay (or arrived out of order) and is refused, so an old update captured on the
-- wire can never roll a property back.
CREATE TABLE replication_inbox (
    origin_server VARCHAR(128) PRIMARY KEY,
    last_sequence BIGINT NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
