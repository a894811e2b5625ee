-- Per accepted event the outbox paid two B-tree inserts: its primary key (seq, append-only) and the UNIQUE index on
-- ce_id. ce_id is derived by this service (name-based UUID of raw push id + element position, or of the poll), so
-- it is unique by construction, and its MD5-spread values made every insert land on a random leaf page. The index
-- de-duplicated nothing a consumer needs: rows are deleted once the broker acknowledged them, so it only ever saw
-- the pending backlog (a replay of a still pending push); consumers de-duplicate on ce_id, which stays stable.
alter table outbox drop constraint if exists outbox_ce_id_key;

-- received_at only grows (default now() at insert), so a block-range index answers the retention purge and the
-- replay window at a fraction of a B-tree's cost per insert: a row landing in a range not yet summarised costs
-- nothing, and (auto)vacuum, which insert-only tables get anyway, summarises the filled ranges. Unsummarised ranges
-- are always scanned, so results stay exact. No autosummarize: at thousands of pushes per second it would queue an
-- autovacuum work item per filled range. 32 pages of ~12 pushes each: a range covers a few hundred pushes.
drop index if exists raw_push_received_at;
create index raw_push_received_at_brin on raw_push using brin (received_at) with (pages_per_range = 32);
