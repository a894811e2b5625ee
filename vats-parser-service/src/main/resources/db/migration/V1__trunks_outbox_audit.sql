-- Last known state of every trunk ever seen; disappeared ones stay with present = false (history).
CREATE TABLE trunk (
    trunk_id            BIGINT PRIMARY KEY,
    enterprise_id       BIGINT      NOT NULL,
    phone_number        TEXT        NOT NULL,
    display_name        TEXT,
    activated           BOOLEAN     NOT NULL,
    marked_for_deletion BOOLEAN     NOT NULL,
    binding_working     BOOLEAN     NOT NULL,
    blocked             BOOLEAN     NOT NULL,
    sip_device_on       BOOLEAN     NOT NULL,
    present             BOOLEAN     NOT NULL,
    first_seen_at       TIMESTAMPTZ NOT NULL,
    last_seen_at        TIMESTAMPTZ NOT NULL,
    last_changed_at     TIMESTAMPTZ NOT NULL,
    last_changes        TEXT        NOT NULL
);
CREATE INDEX trunk_phone ON trunk (phone_number);

-- Transactional outbox: written in the same transaction as the state it describes.
CREATE TABLE outbox (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    event_type   TEXT        NOT NULL,
    event_key    TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL;

-- Every sync and snapshot run, failed ones included.
CREATE TABLE sync_run (
    run_id      UUID PRIMARY KEY,
    kind        TEXT        NOT NULL,
    trigger     TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    outcome     TEXT        NOT NULL,
    trunks      INTEGER     NOT NULL,
    changed     INTEGER     NOT NULL,
    error_kind  TEXT,
    error       TEXT
);

-- Who did what through the API.
CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL,
    actor   TEXT        NOT NULL,
    action  TEXT        NOT NULL,
    target  TEXT,
    outcome TEXT        NOT NULL,
    detail  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
