-- Group commit reserves raw_push ids a block at a time (one nextval per 1,000 pushes instead of a round trip per
-- group); ids stay unique, gaps after a restart are harmless.
alter sequence raw_push_id_seq increment by 1000;

-- The outbox is a queue: rows are deleted once the broker acknowledged them, so the reference to the raw push
-- (kept for audit and replay, purged by retention) needs no foreign-key check on every insert.
alter table outbox drop constraint if exists outbox_raw_id_fkey;
