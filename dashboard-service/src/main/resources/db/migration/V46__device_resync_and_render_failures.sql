-- From provisioning's device-resync-requested and config-render-failed (key = MAC). A re-sync is pending while it is
-- newer than the device's last fetch; a render failure needs attention while it is newer than the last successful
-- fetch (config-fetched is only sent for files that were served). Each keeps its latest event by the producer's time.
alter table device_view
    add column resync_requested_at   timestamptz,
    add column resync_requested_by   varchar(200),
    add column render_failed_at      timestamptz,
    add column render_failed_file    varchar(200),
    add column render_failed_reason  varchar(500),
    add column render_failed_missing varchar(1000);
create index device_view_render_failed_idx on device_view (render_failed_at desc) where render_failed_at is not null;
