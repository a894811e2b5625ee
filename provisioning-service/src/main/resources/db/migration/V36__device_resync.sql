-- Re-provision on demand (issue #21 item 4): a device marked for re-sync keeps the mark until its next successful
-- config fetch; last_fetch_file tells which file that fetch was (with last_template_version, which version).
ALTER TABLE device ADD COLUMN resync_requested_at timestamptz;
ALTER TABLE device ADD COLUMN resync_requested_by text;
ALTER TABLE device ADD COLUMN last_fetch_file text;
CREATE INDEX device_resync_pending_idx ON device (resync_requested_at) WHERE resync_requested_at IS NOT NULL;
