-- Catalogue: one row per model; brands and families are the distinct values (ids as the seed's phonetree)
CREATE TABLE catalogue_model (
    id            text PRIMARY KEY,              -- e.g. snom_715 (yealink: yealink_t4x_t46s)
    brand         text NOT NULL,
    brand_name    text NOT NULL,
    family        text NOT NULL,
    family_id     text NOT NULL,                 -- e.g. snom_7xx
    family_name   text NOT NULL,
    model         text NOT NULL,
    name          text NOT NULL,
    picture       text,
    feature_keys  integer NOT NULL DEFAULT 0,
    combo_keys    integer NOT NULL DEFAULT 0,
    module_keys   integer NOT NULL DEFAULT 0,
    max_modules   integer NOT NULL DEFAULT 0,
    settings      text NOT NULL DEFAULT '{}',    -- model settings layer (JSON object of placeholder -> value)
    UNIQUE (brand, family, model)
);

-- Templates: immutable versions; a change inserts version n+1
CREATE TABLE template_version (
    id          bigserial PRIMARY KEY,
    template_id text NOT NULL,                   -- ui/{brand}/{family}/{model}[-{modules}]
    version     integer NOT NULL,
    brand       text NOT NULL,
    family      text NOT NULL,
    model       text NOT NULL,
    document    text NOT NULL,                   -- seed-shaped template JSON
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    note        text NOT NULL DEFAULT '',
    UNIQUE (template_id, version)
);

CREATE TABLE global_settings (
    id         integer PRIMARY KEY CHECK (id = 1),
    settings   text NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL
);
INSERT INTO global_settings (id, settings, updated_at) VALUES (1, '{}', now());

CREATE TABLE site (
    id                text PRIMARY KEY,
    name              text NOT NULL,
    prov_username     text,
    prov_password_enc text,                      -- AES-GCM, see SecretCipher
    allowed_cidrs     text NOT NULL DEFAULT '',  -- comma separated; empty = any address
    settings          text NOT NULL DEFAULT '{}',
    updated_at        timestamptz NOT NULL
);

CREATE TABLE device (
    mac                   text PRIMARY KEY CHECK (mac ~ '^[0-9A-F]{12}$'),
    site_id               text REFERENCES site (id),
    brand                 text NOT NULL,
    family                text NOT NULL,
    model                 text NOT NULL,
    expansion_modules     integer NOT NULL DEFAULT 0,
    pinned_version        integer,
    prov_username         text NOT NULL,
    prov_password_enc     text NOT NULL,
    timezone              text,
    firmware_url          text,
    lines                 text NOT NULL DEFAULT '[]',  -- JSON; SIP passwords AES-GCM encrypted inside
    keys                  text NOT NULL DEFAULT '[]',
    settings              text NOT NULL DEFAULT '{}',  -- device settings layer
    enabled               boolean NOT NULL DEFAULT true,
    mac_lock              boolean NOT NULL DEFAULT false,
    locked_address        text,
    unlocked_until        timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    revision              bigint NOT NULL DEFAULT 0,
    last_fetch_at         timestamptz,
    last_fetch_ip         text,
    last_user_agent       text,
    last_template_version integer,
    last_status           text
);
CREATE INDEX device_model_idx ON device (brand, family, model);
CREATE INDEX device_site_idx ON device (site_id);

CREATE TABLE outbox_event (
    id           uuid PRIMARY KEY,
    event_type   text NOT NULL,
    mac          text NOT NULL,
    payload      text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox_event (occurred_at) WHERE published_at IS NULL;

-- What Polycom phones PUT back (logs, local overrides); bounded per file and per device
CREATE TABLE device_upload (
    mac        text NOT NULL,
    file_name  text NOT NULL,
    content    bytea NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (mac, file_name)
);
