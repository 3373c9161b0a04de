-- Device identity: the SHA-256 of the credential the server issued to each registered endpoint
-- (never the credential itself), and whether an admin retired the device.
CREATE TABLE device_credential (
    guid              VARCHAR(128) PRIMARY KEY,
    credential_sha256 VARCHAR(64),
    registered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    retired           BOOLEAN NOT NULL
);
