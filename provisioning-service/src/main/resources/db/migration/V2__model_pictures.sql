-- Model pictures uploaded through the admin API and served at /assets/models/{file}; one per model
CREATE TABLE model_picture (
    file         text PRIMARY KEY,                -- e.g. yealink_t4x_t46s.png
    model_id     text NOT NULL UNIQUE REFERENCES catalogue_model (id) ON DELETE CASCADE,
    content_type text NOT NULL,
    content      bytea NOT NULL,
    updated_at   timestamptz NOT NULL
);
