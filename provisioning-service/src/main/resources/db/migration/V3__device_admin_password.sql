-- The phone's own admin (web UI) password, generated per device and stored AES-GCM encrypted like the other
-- secrets: never a shared default. Devices created before this column get theirs at the next start.
ALTER TABLE device ADD COLUMN admin_password_enc text;
