-- Every batch rewrites the row of each phone it touches. With last_heard_at indexed, each such update was a new
-- tuple plus an entry in both indexes of phone; without it (and with room left on each page) PostgreSQL can update
-- the row in place on its page (a HOT update) and write no index at all. The overview's "most recently heard first"
-- sorts the phones instead, a few thousand rows (milliseconds), and the offline sweep scans them every 10 s.
drop index if exists phone_last_heard_idx;
alter table phone set (fillfactor = 50);
