-- An admin's permission for one sync to make more known trunks disappear than the guard allows.
CREATE TABLE sync_override (
    id          BIGSERIAL PRIMARY KEY,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    used_by_run UUID
);
CREATE INDEX sync_override_open ON sync_override (id) WHERE used_at IS NULL;
