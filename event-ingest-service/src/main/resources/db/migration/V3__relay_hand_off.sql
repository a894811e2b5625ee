-- Rows are deleted once published (V2) and handed to the relay in memory, so "unpublished" is every row: the
-- partial index duplicated the primary key and cost one more index insert per event. The relay's table reads
-- (start, broker outage, leftovers) walk the primary key instead.
drop index if exists outbox_unpublished;
