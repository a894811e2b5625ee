-- Firmware images uploaded per model (issue #21 item 3). The bytes live in the firmware storage (a directory by
-- default) under storage_key; sha256 is computed while the upload streams and names the image in its public URL.
CREATE TABLE firmware (
    id          bigserial PRIMARY KEY,
    brand       text NOT NULL,
    family      text NOT NULL,
    model       text NOT NULL,
    version     text NOT NULL,
    file_name   text NOT NULL,
    storage_key text NOT NULL UNIQUE,
    size_bytes  bigint NOT NULL,
    sha256      text NOT NULL,
    uploaded_at timestamptz NOT NULL,
    uploaded_by text NOT NULL,
    UNIQUE (brand, family, model, version)
);
CREATE INDEX firmware_sha256_idx ON firmware (sha256);

-- The version every device of a model gets, unless the device has its own pin; a pinned image cannot be deleted.
CREATE TABLE firmware_model_pin (
    brand       text NOT NULL,
    family      text NOT NULL,
    model       text NOT NULL,
    firmware_id bigint NOT NULL REFERENCES firmware (id),
    pinned_at   timestamptz NOT NULL,
    PRIMARY KEY (brand, family, model)
);

CREATE TABLE firmware_device_pin (
    mac         text PRIMARY KEY REFERENCES device (mac) ON DELETE CASCADE,
    firmware_id bigint NOT NULL REFERENCES firmware (id),
    pinned_at   timestamptz NOT NULL
);
