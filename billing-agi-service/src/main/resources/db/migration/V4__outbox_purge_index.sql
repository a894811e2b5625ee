-- The purge finds published rows by age. Rows are appended in time order, so a BRIN index on occurred_at is a few
-- pages for any table size and costs an insert next to nothing; without it every purge scanned the whole table.
create index outbox_occurred_brin on outbox_event using brin (occurred_at);
