-- Several authority servers may keep their store in one database (PostgreSQL). What belongs to one
-- server is keyed by its server name (start --server-name, default 'default'): its identity (the
-- origin of what it replicates), the keystores of its listeners (a certificate names its host, and a
-- private key stays with its server), its saved properties (`save` is "this server", `save all`
-- reaches the others over 4288), the replication sequences it has applied and the updates it still
-- owes its peers (its outbox: a sender reads only its own server's queue). System settings,
-- devices, admins, sessions and the audit log stay shared by the environment. Existing rows become
-- the rows of the server named 'default', so a single server keeps its id, certificates and values.

CREATE TABLE server_identity (
    server_name VARCHAR(64) PRIMARY KEY,
    server_id   VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO server_identity (server_name, server_id, created_at)
    SELECT 'default', meta_value, CURRENT_TIMESTAMP FROM server_meta WHERE meta_key = 'server.id';
DELETE FROM server_meta WHERE meta_key = 'server.id';

CREATE TABLE keystore_v6 (
    server_name  VARCHAR(64) NOT NULL,
    purpose      VARCHAR(32) NOT NULL,
    origin       VARCHAR(16) NOT NULL,
    pkcs12       BYTEA NOT NULL,
    password     VARCHAR(255) NOT NULL,
    installed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (server_name, purpose)
);
INSERT INTO keystore_v6 (server_name, purpose, origin, pkcs12, password, installed_at)
    SELECT 'default', purpose, origin, pkcs12, password, installed_at FROM keystore;
DROP TABLE keystore;
ALTER TABLE keystore_v6 RENAME TO keystore;

CREATE TABLE server_property_v6 (
    server_name VARCHAR(64) NOT NULL,
    prop_key    VARCHAR(255) NOT NULL,
    prop_value  TEXT NOT NULL,
    scope       VARCHAR(16) NOT NULL,
    origin      VARCHAR(255) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (server_name, prop_key)
);
INSERT INTO server_property_v6 (server_name, prop_key, prop_value, scope, origin, updated_at)
    SELECT 'default', prop_key, prop_value, scope, origin, updated_at FROM server_property;
DROP TABLE server_property;
ALTER TABLE server_property_v6 RENAME TO server_property;

CREATE TABLE replication_inbox_v6 (
    server_name   VARCHAR(64) NOT NULL,
    origin_server VARCHAR(128) NOT NULL,
    last_sequence BIGINT NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (server_name, origin_server)
);
INSERT INTO replication_inbox_v6 (server_name, origin_server, last_sequence, updated_at)
    SELECT 'default', origin_server, last_sequence, updated_at FROM replication_inbox;
DROP TABLE replication_inbox;
ALTER TABLE replication_inbox_v6 RENAME TO replication_inbox;

CREATE TABLE replication_outbox_v6 (
    server_name   VARCHAR(64) NOT NULL,
    peer          VARCHAR(255) NOT NULL,
    sequence_no   BIGINT NOT NULL,
    origin_server VARCHAR(128) NOT NULL,
    prop_key      VARCHAR(255) NOT NULL,
    prop_value    TEXT,
    queued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (server_name, peer, sequence_no)
);
INSERT INTO replication_outbox_v6 (server_name, peer, sequence_no, origin_server, prop_key, prop_value, queued_at)
    SELECT 'default', peer, sequence_no, origin_server, prop_key, prop_value, queued_at FROM replication_outbox;
DROP TABLE replication_outbox;
ALTER TABLE replication_outbox_v6 RENAME TO replication_outbox;
