-- Console sessions, so a restart does not sign every admin out. Only the SHA-256 of the session
-- cookie is kept: a copy of the database does not hand out live sessions.
CREATE TABLE console_session (
    id_sha256  VARCHAR(64) PRIMARY KEY,
    username   VARCHAR(64) NOT NULL,
    csrf_token VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_user ON console_session (username);
