-- Group credits catch up the due days they missed (service down at the cron time), from the later of the group's
-- creation and its last credit, up to its expiry. A group made before this migration counts as made today, so no
-- credit is paid retroactively for days before the catch-up rule existed.
alter table billing_group add column created_on date not null default current_date;
