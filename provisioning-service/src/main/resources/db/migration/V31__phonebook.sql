-- Issue #21 item 2: the shared phonebook of each site (the Kazoo account this service maps to a site), served to
-- the site's phones in each vendor's remote-phonebook format.
CREATE TABLE phonebook_contact (
    id         bigserial PRIMARY KEY,
    site_id    text NOT NULL REFERENCES site (id) ON DELETE CASCADE,
    first_name text NOT NULL DEFAULT '',
    last_name  text NOT NULL DEFAULT '',
    number     text NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX phonebook_contact_site_idx ON phonebook_contact (site_id, last_name, first_name, id);
