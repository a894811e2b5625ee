-- Retention (ReadModelRetention) deletes by receive time, never by a producer's clock: phone_log rows by when this
-- service inserted them (the claim of their ce_id), processed_event rows by processed_at. Existing log rows count
-- as received now. BRIN indexes: both tables are append-only in that order, so a few pages of summaries find the
-- oldest rows, and an insert adds no B-tree entry.
alter table phone_log add column received_at timestamptz not null default now();
create index phone_log_received_at_brin on phone_log using brin (received_at);
create index processed_event_processed_at_brin on processed_event using brin (processed_at);
