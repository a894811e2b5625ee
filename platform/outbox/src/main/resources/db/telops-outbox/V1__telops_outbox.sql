-- The transactional outbox every service shares. Rows are written in the caller's transaction and relayed in seq order.
create table telops_outbox (
    seq          bigint generated always as identity primary key,
    id           uuid         not null unique,  -- the event's ce_id; a second insert of the same id is a no-op
    topic        text         not null,
    event_key    text         not null,
    ce_type      text         not null,
    payload      text         not null,
    occurred_at  timestamptz  not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
-- what the relay reads: pending rows in seq order
create index telops_outbox_pending on telops_outbox (seq) where published_at is null;
-- what the purge reads: rows are appended in time order, so a BRIN index is a few pages for any table size
create index telops_outbox_created_brin on telops_outbox using brin (created_at);
